// Release: tags the repository with package.json's version, exactly as `@Library('pipewright@<version>')` and
// `npm install git+https://…/pipewright.git#<version>` name it (no "v" prefix). Refuses a dirty tree, an existing tag,
// and a version the CHANGELOG has no section for. Pushing the tag (and publishing to npm) stays a maintainer's step.
// Usage: node scripts/release.mjs [--dry-run] [--dir <repository>]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE = 'usage: node scripts/release.mjs [--dry-run] [--dir <repository>]';

function fail(message, code = 1) {
  console.error(`release: ${message}`);
  process.exit(code);
}

const args = process.argv.slice(2);
let dryRun = false;
let dir = join(dirname(fileURLToPath(import.meta.url)), '..');
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dry-run') dryRun = true;
  else if (args[i] === '--dir' && args[i + 1]) dir = resolve(args[++i]);
  else fail(`unknown argument "${args[i]}"\n${USAGE}`, 2);
}

const git = (...gitArgs) => execFileSync('git', gitArgs, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 }).trim();

let top;
try {
  top = git('rev-parse', '--show-toplevel');
} catch {
  fail(`${dir} is not a git work tree`, 2);
}
const packageFile = join(top, 'package.json');
if (!existsSync(packageFile)) fail(`no package.json in ${top}`, 2);
const { version } = JSON.parse(readFileSync(packageFile, 'utf8'));
// The tag is the version itself: Jenkins resolves @Library('pipewright@0.1.0') to the ref "0.1.0".
if (typeof version !== 'string' || !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version))
  fail(`package.json's version ${JSON.stringify(version)} is not a semantic version like 1.2.3`);

const dirty = git('status', '--porcelain');
if (dirty) fail(`the work tree has uncommitted changes; commit or stash them first:\n${dirty}`);

try {
  git('rev-parse', '-q', '--verify', `refs/tags/${version}`);
  fail(`tag ${version} already exists; released tags are never moved. Raise the version in package.json (and CHANGELOG.md) first`);
} catch (error) {
  if (error?.status !== 1) throw error; // rev-parse -q --verify exits 1 for a missing ref
}

const changelog = existsSync(join(top, 'CHANGELOG.md')) ? readFileSync(join(top, 'CHANGELOG.md'), 'utf8') : '';
const escaped = version.replace(/\./g, '\\.');
if (!new RegExp(`^## ${escaped}(?:\\s|$)`, 'm').test(changelog))
  fail(`CHANGELOG.md has no "## ${version}" section; move the Unreleased entries under it first`);

const commit = git('rev-parse', 'HEAD');
if (dryRun) {
  console.log(`would tag ${commit.slice(0, 12)} as ${version}`);
} else {
  git('tag', '-a', version, '-m', `pipewright ${version}`);
  console.log(`tagged ${commit.slice(0, 12)} as ${version}`);
}
console.log(`next: git push origin ${version}`);
console.log(`users install it with: npm install --save-dev git+https://<your git host>/pipewright.git#${version}`);
