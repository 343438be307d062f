// scripts/release.mjs in scratch git repositories: tags the package.json version without a "v", and refuses a dirty
// tree, an existing tag, a version without a CHANGELOG section, and unknown arguments.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';

const scratch: string[] = [];
test.after(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 }).trim();

function repo(version: string, changelog = `# Changelog\n\n## ${version}\n\n- first\n`): string {
  const dir = mkdtempSync(join(tmpdir(), 'pw-release-'));
  scratch.push(dir);
  git(dir, 'init', '-q');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'pipewright', version }));
  writeFileSync(join(dir, 'CHANGELOG.md'), changelog);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'first');
  return dir;
}

const release = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts/release.mjs'), '--dir', dir, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });

test('tags HEAD with the version exactly (no "v"), as an annotated tag; a second run refuses the existing tag', () => {
  const dir = repo('1.2.3');
  const dry = release(dir, '--dry-run');
  assert.is(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /would tag [0-9a-f]{12} as 1\.2\.3/);
  assert.is(git(dir, 'tag', '--list'), '', 'a dry run tags nothing');
  const r = release(dir);
  assert.is(r.status, 0, r.stderr);
  assert.is(git(dir, 'tag', '--list'), '1.2.3');
  assert.is(git(dir, 'rev-parse', '1.2.3^{commit}'), git(dir, 'rev-parse', 'HEAD'));
  assert.is(git(dir, 'cat-file', '-t', '1.2.3'), 'tag');
  assert.match(r.stdout, /git push origin 1\.2\.3\n/);
  const again = release(dir);
  assert.is(again.status, 1);
  assert.match(again.stderr, /tag 1\.2\.3 already exists/);
});

test('refuses a dirty work tree and a version the CHANGELOG has no section for; nothing is tagged', () => {
  const dirty = repo('2.0.0');
  writeFileSync(join(dirty, 'new-file.txt'), 'x');
  const r = release(dirty);
  assert.is(r.status, 1);
  assert.match(r.stderr, /uncommitted changes[\s\S]*new-file\.txt/);
  const undocumented = repo('2.1.0', '# Changelog\n\n## Unreleased\n\n- pending\n\n## 2.0.0\n');
  const u = release(undocumented);
  assert.is(u.status, 1);
  assert.match(u.stderr, /CHANGELOG\.md has no "## 2\.1\.0" section/);
  assert.is(git(dirty, 'tag', '--list') + git(undocumented, 'tag', '--list'), '');
});

test('usage errors exit 2', () => {
  assert.is(release(repo('1.0.0'), '--force').status, 2);
  const notGit = mkdtempSync(join(tmpdir(), 'pw-release-nogit-'));
  scratch.push(notGit);
  assert.is(release(notGit).status, 2);
});

test.run();
