// src/generated: one marker text per comment syntax, and a synthesis that writes only what changed, atomically, and removes only marked strays.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlMarker, isMarked, jsonWithMarker, markerText, slashesMarker } from '../../src/generated/marker.js';
import { generatedFile, synthesize } from '../../src/generated/synth.js';
import { partialNames } from '../../src/gen/render.js';
import { generateLibrary } from '../../src/gen/library.js';
import { ROOT, runCli } from '../support/cli.js';
import { UsageError } from '../../src/core/errors.js';
import { removeDir, tempDir } from '../support/git-repo.js';

const FACTS = { command: 'lib', detail: ' from x.yaml', instruction: 'run "pipewright lib"' };

test('one marker text, written once per syntax and recognised by it', () => {
  const text = markerText(FACTS);
  assert.is(text, ['GENERATED', 'by pipewright lib from x.yaml; do not edit: run "pipewright lib".'].join(' '));
  assert.is(slashesMarker(FACTS), `// ${text}`);
  assert.is(htmlMarker(FACTS), `<!-- ${text} -->`);
  const json = jsonWithMarker(FACTS, { $schema: 's', title: 't' });
  assert.is(json.split('\n')[1], `  "$comment": ${JSON.stringify(text)},`);
  assert.ok(isMarked('slashes', `${slashesMarker(FACTS)}\ncode\n`));
  assert.ok(isMarked('html', `${htmlMarker(FACTS)}\n# title\n`));
  assert.ok(isMarked('json', json));
  // A marker of another syntax, a marker below line 1, and `none` are not marks.
  assert.not.ok(isMarked('slashes', `${htmlMarker(FACTS)}\n`));
  assert.not.ok(isMarked('html', `# title\n${htmlMarker(FACTS)}\n`));
  assert.not.ok(isMarked('none', `${slashesMarker(FACTS)}\n`));
  // Text no comment of the syntax can hold is refused.
  assert.throws(() => slashesMarker({ ...FACTS, detail: ' from a\nb' }));
  assert.throws(() => htmlMarker({ ...FACTS, detail: ' from a-->b' }));
});

test('synthesize reports written, current, stale and stray files; writes only what changed; removes only marked strays', () => {
  const root = tempDir('pw-synth-');
  try {
    const mark = slashesMarker(FACTS);
    const a = generatedFile(join(root, 'out/a.groovy'), 'slashes', `${mark}\na\n`);
    const b = generatedFile(join(root, 'out/b.txt'), 'none', 'b\n');
    mkdirSync(join(root, 'out'));
    writeFileSync(join(root, 'out/b.txt'), 'b\n');
    writeFileSync(join(root, 'out/old.groovy'), `${mark}\nold\n`);
    writeFileSync(join(root, 'out/mine.groovy'), 'mine\n');
    const strays = [{ dir: join(root, 'out'), owns: (name: string) => name.endsWith('.groovy') || name.endsWith('.txt') }];

    const checked = synthesize([a, b], { check: true, strays });
    assert.equal(checked.written, []);
    assert.equal(checked.current, [b.path]);
    assert.equal(
      checked.stale.map((s) => [s.path, s.missing]),
      [[a.path, true]],
    );
    assert.equal(checked.strays, [
      { path: join(root, 'out/mine.groovy'), marked: false, removed: false },
      { path: join(root, 'out/old.groovy'), marked: true, removed: false },
    ]);
    assert.not.ok(existsSync(a.path), 'a check writes nothing');

    const mtime = statSync(b.path).mtimeMs;
    const written = synthesize([a, b], { strays });
    assert.equal(written.written, [a.path]);
    assert.is(statSync(b.path).mtimeMs, mtime, 'an unchanged file is not rewritten');
    assert.equal(
      written.strays.map((s) => [s.path.slice(root.length), s.removed]),
      [
        ['/out/mine.groovy', false],
        ['/out/old.groovy', true],
      ],
    );
    assert.equal(readdirSync(join(root, 'out')).sort(), ['a.groovy', 'b.txt', 'mine.groovy']);
    assert.equal(synthesize([a, b], { strays }).current, [a.path, b.path]);
  } finally {
    removeDir(root);
  }
});

test('an existing file without the marker is refused unless forced; a check shows the diff', () => {
  const root = tempDir('pw-synth-');
  try {
    const file = generatedFile(join(root, 'Jenkinsfile'), 'slashes', `${slashesMarker(FACTS)}\npipeline {}\n`);
    writeFileSync(file.path, 'node { sh "make" }\n');
    assert.match(synthesize([file], { check: true }).stale[0]!.diff, /^-node \{ sh "make" \}$/m);
    const refused = synthesize([file]);
    assert.equal(refused.refused, [file.path]);
    assert.equal(refused.written, []);
    assert.is(readFileSync(file.path, 'utf8'), 'node { sh "make" }\n');
    assert.equal(synthesize([file], { force: true }).written, [file.path]);
    assert.is(readFileSync(file.path, 'utf8'), file.content);
  } finally {
    removeDir(root);
  }
});

test('a generated file must carry its marker', () => {
  assert.throws(() => generatedFile('x.groovy', 'slashes', 'no marker\n'), /does not start with its marker/);
  assert.throws(() => generatedFile('x.md', 'html', `x\n${htmlMarker(FACTS)}\n`), /does not start with its marker/);
});

test('nothing is written when one file cannot be read; a failed write leaves no temporary file', () => {
  const root = tempDir('pw-synth-');
  try {
    const first = generatedFile(join(root, 'a.groovy'), 'slashes', `${slashesMarker(FACTS)}\na\n`);
    const fifo = join(root, 'b.groovy');
    execFileSync('mkfifo', [fifo]);
    assert.throws(
      () => synthesize([first, generatedFile(fifo, 'slashes', `${slashesMarker(FACTS)}\nb\n`)]),
      (e: unknown) => e instanceof UsageError,
    );
    assert.not.ok(existsSync(first.path), 'the readable file was not written either');

    // A write that fails after the temporary file exists (the file-size limit, EFBIG): the target keeps its old text and
    // the temporary file is gone. A child process, so the limit binds only it; SIGXFSZ ignored so write(2) fails instead.
    const target = join(root, 'c.groovy');
    writeFileSync(target, 'old\n');
    const script = [
      `import { synthesize, generatedFile } from ${JSON.stringify(join(ROOT, 'src/generated/synth.ts'))};`,
      `import { slashesMarker } from ${JSON.stringify(join(ROOT, 'src/generated/marker.ts'))};`,
      `const file = generatedFile(${JSON.stringify(target)}, 'slashes', slashesMarker({ instruction: 'x' }) + '\\n' + 'x'.repeat(100000));`,
      `try { synthesize([file], { force: true }); console.log('written'); } catch (e) { console.log(e.code); }`,
    ].join('\n');
    const child = spawnSync('sh', ['-c', 'ulimit -f 8; trap "" XFSZ; exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      killSignal: 'SIGKILL',
    });
    assert.is(child.stdout.trim(), 'EFBIG', child.stderr);
    assert.is(readFileSync(target, 'utf8'), 'old\n');
    assert.equal(
      readdirSync(root).filter((n) => n.endsWith('.tmp')),
      [],
    );
  } finally {
    removeDir(root);
  }
});

test('one Handlebars environment: partials of both families by name, a shared name refused, join with "," unless given a separator', () => {
  assert.throws(() => partialNames(['partials/header', 'vars/partials/header']), /both the partial "header"/);
  assert.equal([...partialNames(['partials/stage', 'vars/partials/header', 'vars/pwNotify.groovy', 'Jenkinsfile'])].sort(), [
    ['header', 'vars/partials/header'],
    ['stage', 'partials/stage'],
  ]);
  // Both families render through it: the vars header joins with its ', ', the Jenkinsfile's submitter list with ','.
  const library = generateLibrary();
  assert.match(library.get('vars/pwArgoSync.groovy')!, /^\/\/ Arguments, defaults and an example: vars\/pwArgoSync\.txt\. Jenkins plugins: [a-z-]+, [a-z-]+/m);
  const jenkinsfile = runCli(['gen', 'test/fixtures/gen/every-option/pipeline.yaml', '--stdout']);
  assert.is(jenkinsfile.code, 0, jenkinsfile.stderr);
  assert.match(jenkinsfile.stdout, /^ +submitter '[a-z]+,[a-z]+'$/m);
});

test.run();
