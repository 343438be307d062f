// Issue #16 item 2: file and folder names reach generated Groovy only through the comment quoting of src/groovy/quote.ts; every command that writes Groovy either refuses a name (exit 2, nothing written) or writes files Groovy 2.4 parses into exactly the statements a plain name gives.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { random } from '../gen/adversarial.js';
import { runCli, ROOT } from '../support/cli.js';
import { removeDir, tempDir } from '../support/git-repo.js';
import { parseGroovyFiles, type GroovyCall, type ParsedFile } from '../support/groovy.js';

const CONFIG = join(ROOT, 'test', 'fixtures', 'gen', 'every-option', 'pipeline.yaml');
const ORG = join(ROOT, 'org', 'default.yaml');

// The attack of the issue first, then each hostile piece on its own.
const FIXED = [
  'svc\nprintln("X")\n\\',
  'svc\u2028println("X")',
  'p\u2029q',
  'cr\rprintln("X")',
  'tab\there',
  'nel\u0085x',
  'del\u007fx',
  '\\u000aprintln("X")',
  'back\\slash',
  "it's",
  'say "hi"',
  '*/ println("X") /*',
  '$x ${y}',
  'é 😀 #',
];
const PIECES = ['a', 'Z', 'é', '😀', ' ', '\n', '\r', '\u2028', '\u2029', "'", '"', '*/', '/*', '\\', '\\u000a', '$', '${', '}', '//', '\t', '#'];

/** FIXED plus seeded random names built from the pieces (PIPEWRIGHT_FUZZ_SEED picks another campaign). */
function names(): string[] {
  const rng = random(Number(process.env.PIPEWRIGHT_FUZZ_SEED ?? 16));
  const out = [...FIXED];
  for (let i = 0; i < 6; i++) {
    let name = 'n';
    for (let k = 1 + Math.floor(rng() * 5); k > 0; k--) name += PIECES[Math.floor(rng() * PIECES.length)];
    out.push(name);
  }
  return out;
}

/** What the test expects to be refused: what no `//` comment can hold (line breaks, controls, separators, a backslash). */
const unsafe = (name: string): boolean => /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/.test(name);

const shape = (calls: GroovyCall[]): string => JSON.stringify(calls.map((c) => [c.name, c.keys, c.positional, c.line]));

interface Written {
  label: string;
  name: string;
  files: string[];
  /** The first line's text the file must carry, containing the name exactly. */
  marker: string;
  /** The plain-name file whose statements this one must match. */
  baseline: string;
}

test('every command that writes Groovy refuses or safely writes hostile file and folder names', () => {
  const root = tempDir('pw-names-');
  const written: Written[] = [];
  const failures: string[] = [];
  try {
    // Baselines: the same commands with a plain name.
    const plainDir = join(root, 'plain');
    mkdirSync(plainDir);
    copyFileSync(CONFIG, join(plainDir, 'pipeline.yaml'));
    copyFileSync(ORG, join(plainDir, 'org.yaml'));
    assert.is(runCli(['gen', join(plainDir, 'pipeline.yaml'), '--out', join(root, 'plain-out', 'Jenkinsfile')]).code, 0);
    assert.is(runCli(['lib', '--org', join(plainDir, 'org.yaml'), '--out', join(root, 'plain-lib')]).code, 0);
    const libFiles = readdirSync(join(root, 'plain-lib', 'vars'))
      .filter((f) => f.endsWith('.groovy'))
      .sort();
    const baselineFiles = [join(root, 'plain-out', 'Jenkinsfile'), ...libFiles.map((f) => join(root, 'plain-lib', 'vars', f))];
    // Parsed with the written files below, in the same JVM (a JVM start costs seconds of CPU).
    const genBaseline = baselineFiles[0]!;

    names().forEach((name, i) => {
      const dir = join(root, `case-${i}`);
      const folder = join(dir, name);
      mkdirSync(folder, { recursive: true });
      copyFileSync(CONFIG, join(folder, 'pipeline.yaml'));
      copyFileSync(CONFIG, join(dir, `${name}.yaml`));
      copyFileSync(ORG, join(folder, 'org.yaml'));
      const expectRefusal = unsafe(name);
      const label = JSON.stringify(name);
      const refused = (what: string, r: { code: number | null; stderr: string }, nothingAt: string[]): void => {
        if (r.code !== 2 || !/cannot be named in a generated Groovy comment/.test(r.stderr))
          failures.push(`${what} ${label}: expected a refusal (exit 2), got ${r.code}: ${r.stderr.slice(0, 300)}`);
        for (const path of nothingAt) if (existsSync(path)) failures.push(`${what} ${label}: refused but wrote ${path}`);
      };

      // gen --out elsewhere: the marker names ../<name>/pipeline.yaml.
      const out = join(dir, 'out', 'Jenkinsfile');
      const genOut = runCli(['gen', join(folder, 'pipeline.yaml'), '--out', out]);
      if (expectRefusal) refused('gen --out', genOut, [join(dir, 'out')]);
      else if (genOut.code !== 0) failures.push(`gen --out ${label}: exit ${genOut.code}: ${genOut.stderr}`);
      else written.push({ label: `gen --out ${label}`, name, files: [out], marker: `from ../${name}/pipeline.yaml;`, baseline: genBaseline });

      // gen --stdout of a config whose own file name is hostile.
      const genStdout = runCli(['gen', join(dir, `${name}.yaml`), '--stdout']);
      if (expectRefusal) {
        refused('gen --stdout', genStdout, [join(dir, 'Jenkinsfile')]);
        if (genStdout.stdout !== '') failures.push(`gen --stdout ${label}: refused but printed Groovy`);
      } else if (genStdout.code !== 0) failures.push(`gen --stdout ${label}: exit ${genStdout.code}: ${genStdout.stderr}`);
      else {
        const file = join(dir, 'stdout.groovy');
        writeFileSync(file, genStdout.stdout);
        written.push({ label: `gen --stdout ${label}`, name, files: [file], marker: `from ${basename(name)}.yaml;`, baseline: genBaseline });
      }

      // gen beside the config in a hostile folder: the marker names only "pipeline.yaml", so it always works.
      const genBeside = runCli(['gen', join(folder, 'pipeline.yaml')]);
      if (genBeside.code !== 0) failures.push(`gen beside ${label}: exit ${genBeside.code}: ${genBeside.stderr}`);
      else written.push({ label: `gen beside ${label}`, name: '', files: [join(folder, 'Jenkinsfile')], marker: 'from pipeline.yaml;', baseline: genBaseline });

      // lib --org: every vars/*.groovy names the org file in its first line.
      const libOut = join(dir, 'lib');
      const lib = runCli(['lib', '--org', join(folder, 'org.yaml'), '--out', libOut]);
      if (expectRefusal) refused('lib --org', lib, [libOut]);
      else if (lib.code !== 0) failures.push(`lib --org ${label}: exit ${lib.code}: ${lib.stderr}`);
      else {
        // Every var of one run carries the same first line over its plain-name body: the bodies are compared as bytes,
        // and the first var is parsed, which proves that line is a comment and nothing more (parsing all 18 vars of
        // every run cost a minute of the suite for no added proof).
        const [first, ...rest] = libFiles;
        const marker = `with the org defaults ${join(folder, 'org.yaml')};`;
        written.push({
          label: `lib --org ${label} ${first}`,
          name,
          files: [join(libOut, 'vars', first!)],
          marker,
          baseline: join(root, 'plain-lib', 'vars', first!),
        });
        const headOf = (file: string): string => readFileSync(file, 'utf8').split('\n')[0]!;
        const bodyOf = (file: string): string => readFileSync(file, 'utf8').replace(/^[^\n]*/, '');
        for (const f of rest) {
          const file = join(libOut, 'vars', f);
          if (headOf(file) !== headOf(join(libOut, 'vars', first!))) failures.push(`lib --org ${label} ${f}: its first line differs from ${first}'s`);
          if (bodyOf(file) !== bodyOf(join(root, 'plain-lib', 'vars', f)))
            failures.push(`lib --org ${label} ${f}: below the first line it differs from a plain name's`);
        }
      }
    });

    // One JVM parses the baselines and every written file.
    const parsed = new Map<string, ParsedFile>(parseGroovyFiles([...baselineFiles, ...written.flatMap((w) => w.files)]).map((p) => [p.file, p]));
    for (const file of baselineFiles) assert.ok(parsed.get(file)!.ok, `${file}: ${parsed.get(file)!.error}`);
    for (const w of written) {
      const file = w.files[0];
      const p = parsed.get(file)!;
      const firstLine = readFileSync(file, 'utf8').split('\n')[0];
      if (!firstLine.startsWith('// ') || !firstLine.includes(w.marker))
        failures.push(`${w.label}: the first line does not name the path exactly: ${JSON.stringify(firstLine)}`);
      if (!p.ok) failures.push(`${w.label}: does not parse under Groovy 2.4: ${p.error}`);
      else if (shape(p.calls) !== shape(parsed.get(w.baseline)!.calls)) failures.push(`${w.label}: the statements differ from a plain name's`);
    }
    assert.ok(written.length > 25, `only ${written.length} files were written`);
    assert.equal(failures, []);
  } finally {
    removeDir(root);
  }
});

test.run();
