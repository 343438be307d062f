// A hand edit to any kind of generated artefact (Jenkinsfile, var, step page, helper bundle, org schema, reference page) fails the check that `npm run check:generated` runs; always on temp copies.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../support/cli.js';
import { removeDir, tempDir } from '../support/git-repo.js';

const work = tempDir('pw-hand-edit-');
test.after(() => removeDir(work));

/** The checks check:generated runs, each pointed at the copy. */
const CHECKS = {
  gen: (dir: string) => runCli(['gen', dir, '--check']),
  lib: (dir: string) => runCli(['lib', '--out', dir, '--check']),
  project: (dir: string) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generated.mjs'), '--check', '--root', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      killSignal: 'SIGKILL',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  },
};

/** Copies of the committed artefacts: an example's folder, the library, the schemas and the reference page. */
function copies(): Record<keyof typeof CHECKS, string> {
  const dirs = { gen: join(work, 'gen'), lib: join(work, 'lib'), project: join(work, 'project') };
  cpSync(join(ROOT, 'examples', 'python-service'), dirs.gen, { recursive: true });
  for (const path of ['vars', 'resources']) cpSync(join(ROOT, path), join(dirs.lib, path), { recursive: true });
  for (const path of ['schemas', 'docs/reference.md']) cpSync(join(ROOT, path), join(dirs.project, path), { recursive: true });
  return dirs;
}

/** One edit a person might make to each kind of file; line 1 is the marker, so each also edits a line below it. */
const ARTEFACTS: Array<{ kind: string; check: keyof typeof CHECKS; path: string; edit: (text: string) => string }> = [
  { kind: 'Jenkinsfile', check: 'gen', path: 'Jenkinsfile', edit: (t) => t.replace(/\n\}\n?$/, '\n  // tuned by hand\n}\n') },
  { kind: 'Jenkinsfile marker', check: 'gen', path: 'Jenkinsfile', edit: (t) => t.replace('do not edit', 'edit freely') },
  { kind: 'var', check: 'lib', path: 'vars/pwHealthCheck.groovy', edit: (t) => t.replace("'30s'", "'5s'") },
  { kind: 'step page', check: 'lib', path: 'vars/pwNotify.txt', edit: (t) => `${t}Edited.\n` },
  { kind: 'helper bundle', check: 'lib', path: 'resources/pipewright/helpers/notify.cjs', edit: (t) => `${t}// patched\n` },
  { kind: 'helper bundle marker', check: 'lib', path: 'resources/pipewright/helpers/notify.cjs', edit: (t) => t.replace(/^[^\n]*/, '// mine') },
  { kind: 'library manifest', check: 'lib', path: 'resources/pipewright/library.json', edit: (t) => t.replace('"pipewright"', '"mine"') },
  {
    kind: 'org schema',
    check: 'project',
    path: 'schemas/org-defaults.schema.json',
    edit: (t) => t.replace('"title": "pipewright org defaults"', '"title": "our defaults"'),
  },
  {
    kind: 'reference page',
    check: 'project',
    path: 'docs/reference.md',
    edit: (t) => t.replace('# pipeline.yaml reference', '# pipeline.yaml, our reference'),
  },
];

test('each check passes on an unedited copy', () => {
  const dirs = copies();
  for (const [name, check] of Object.entries(CHECKS)) {
    const r = check(dirs[name as keyof typeof CHECKS]);
    assert.is(r.code, 0, `${name}: ${r.stdout}\n${r.stderr}`);
  }
});

for (const { kind, check, path, edit } of ARTEFACTS) {
  test(`a hand edit to a ${kind} makes the check fail and names the file`, () => {
    const dirs = copies();
    const file = join(dirs[check], path);
    const before = readFileSync(file, 'utf8');
    const after = edit(before);
    assert.is.not(after, before, 'the edit changes the file');
    writeFileSync(file, after);
    const r = CHECKS[check](dirs[check]);
    assert.is(r.code, 1, `${r.stdout}\n${r.stderr}`);
    assert.ok(r.stdout.includes(path.split('/').pop()!), r.stdout);
    // A check writes nothing: the edit is still there.
    assert.is(readFileSync(file, 'utf8'), after);
  });
}

test.run();
