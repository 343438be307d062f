// Golden Jenkinsfiles for every example and fixture, each parsed by Groovy 2.4, checked against the step registry and shellchecked.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from '../support/cli.js';
import { parseGroovyFiles, type ParsedFile } from '../support/groovy.js';
import { shellcheckBodies } from '../support/shellcheck.js';
import { generateBeside, goldenCases, loadModel, registryProblems } from './support.js';
import { actionsIn } from '../../src/flow/evaluate.js';
import type { Flow } from '../../src/flow/types.js';
import { buildFlow } from '../../src/gen/flow.js';

/** The sh actions anywhere in a flow (pipeline-level post holds none: it only notifies and records). */
function countSh(flow: Flow): number {
  return flow.stages.flatMap(actionsIn).filter((a) => a.kind === 'sh').length;
}

const cases = goldenCases();
const update = process.env.UPDATE_GOLDEN === '1';

test('there are golden cases: every example and at least ten fixtures', () => {
  assert.ok(
    cases.some((c) => c.name.startsWith('examples/')),
    'no examples found',
  );
  assert.ok(cases.filter((c) => c.name.startsWith('test/fixtures/gen/')).length >= 10, 'fewer than ten fixtures under test/fixtures/gen');
});

for (const c of cases) {
  test(`golden: ${c.name}`, () => {
    const text = generateBeside(loadModel(c.config));
    if (update) writeFileSync(c.golden, text);
    let golden: string;
    try {
      golden = readFileSync(c.golden, 'utf8');
    } catch {
      throw new assert.Assertion({ message: `${relative(ROOT, c.golden)} is missing; run UPDATE_GOLDEN=1 and read it before committing` } as never);
    }
    assert.fixture(text, golden);
    assert.is(generateBeside(loadModel(c.config)), text, 'generation is not deterministic');
  });
}

let parsed: ParsedFile[] = [];
/** A Jenkinsfile the registry check must reject: parsed with the goldens, in the same JVM. */
const BAD =
  "pipeline {\n  stages {\n    stage('x') {\n      steps {\n        pwFrobnicate(a: 'b')\n        pwHealthCheck(environment: 'dev', url: 'https://x', colour: 'red')\n        pwCoverageGate(min: 80)\n        deleteEverything()\n      }\n    }\n  }\n}\n";
/** One that calls the internal var: the registry check must refuse each use. */
const INTERNAL =
  "pipeline {\n  stages {\n    stage('x') {\n      steps {\n        pwInternal.helperOutcome('x', 'y', 'z', 0)\n        pwInternal()\n        echo(pwInternal.resolveTag('{build}'))\n      }\n    }\n  }\n}\n";
let bad: ParsedFile | undefined;
let internalUse: ParsedFile | undefined;

test('every golden Jenkinsfile parses under Groovy 2.4 (one JVM)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-golden-bad-'));
  try {
    writeFileSync(join(dir, 'Jenkinsfile'), BAD);
    writeFileSync(join(dir, 'Jenkinsfile-internal'), INTERNAL);
    const all = parseGroovyFiles([...cases.map((c) => c.golden), join(dir, 'Jenkinsfile'), join(dir, 'Jenkinsfile-internal')]);
    parsed = all.slice(0, cases.length);
    [bad, internalUse] = all.slice(cases.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.is(parsed.length, cases.length);
  for (const p of parsed) assert.ok(p.ok, `${p.file}: ${p.error}`);
  for (const p of parsed) assert.is(p.gstrings, 0, `${p.file} has a double-quoted GString`);
});

test('every step call is in the registry, with known and required arguments', () => {
  assert.ok(parsed.length > 0);
  const problems = parsed.flatMap(registryProblems);
  assert.equal(problems, []);
  assert.ok(
    parsed.every((p) => p.calls.some((c) => c.name.startsWith('pw'))),
    'a Jenkinsfile calls no library step',
  );
});

test('the registry check fails on an unknown step, an unknown argument and a missing argument', () => {
  assert.ok(bad?.ok, bad?.error);
  const problems = registryProblems(bad!);
  assert.is(problems.length, 4, problems.join('\n'));
  assert.match(problems.join('\n'), /pwFrobnicate/);
  assert.match(problems.join('\n'), /no argument "colour"/);
  assert.match(problems.join('\n'), /misses required "report"/);
  assert.match(problems.join('\n'), /deleteEverything/);
});

test('the registry check refuses a Jenkinsfile that calls an internal var or one of its functions', () => {
  assert.ok(internalUse?.ok, internalUse?.error);
  const problems = registryProblems(internalUse!);
  assert.is(problems.length, 3, problems.join('\n'));
  for (const p of problems) assert.match(p, /uses the internal var "pwInternal"/);
});

test('every sh body passes shellcheck', () => {
  assert.ok(parsed.length > 0);
  const bodies = parsed.flatMap((p) => p.sh.map((body, i) => ({ name: `${relative(ROOT, p.file)}#sh${i + 1}`, body })));
  assert.ok(
    bodies.every((b) => typeof b.body === 'string'),
    'an sh call with a non-literal body',
  );
  // Groovy must find exactly the sh actions the flow holds: fewer means the extraction (or the template) lost some.
  const expected = cases.reduce((n, c) => n + countSh(buildFlow(loadModel(c.config))), 0);
  assert.ok(expected >= 20, `only ${expected} sh actions in the fixtures`);
  assert.is(bodies.length, expected);
  const result = shellcheckBodies(bodies as Array<{ name: string; body: string }>);
  assert.is(result.checked, expected);
  assert.is(result.output, '', result.output);
});

test.run();
