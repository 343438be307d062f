// The shell boundary, run under Groovy 2.4: data values never enter an sh script's text, only its environment; each command field
// reaches sh exactly as written and appears nowhere else in the Jenkinsfile.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { ROOT } from '../support/cli.js';
import { parseGroovyTexts } from '../support/groovy.js';
import { simulate, type SimCall, type SimOutcome } from '../support/jenkins-sim.js';
import { normalize } from '../../src/config/normalize.js';
import { generateJenkinsfile } from '../../src/gen/jenkinsfile.js';
import { adversarialString, random, schemaStringFields, setField } from '../gen/adversarial.js';
import { libraryVarsDir } from './library-stubs.js';
import type { ReadJson } from '../support/json.js';

const ROUNDS = 3;
const SOURCE = { source: 'pipeline.yaml', command: 'pipewright gen' };
/**
 * Fields that steer which stages run or name other entries: fed plain values, so every stage runs in some scenario.
 * jenkins.library too: the simulator drops the `@Library(…) _` line with a one-line pattern (the escaping test covers it).
 */
const STRUCTURAL = new Set([
  '$schema',
  'extends',
  'jenkins.library',
  'environments.*.branch',
  'environments.*.after',
  'environments.<key>',
  'custom[].branch',
  'lint.rules.<key>',
  'identities.<key>',
]);
const fields = schemaStringFields();
const dataFields = fields.filter((f) => f.kind === 'data' && !STRUCTURAL.has(f.path) && (!f.path.startsWith('agent.') || f.path === 'agent.label'));
const commandFields = fields.filter((f) => f.kind === 'command');

interface Round {
  text: string;
  data: Array<{ field: string; value: string }>;
  commands: Array<{ field: string; value: string }>;
}

/** Data values are tagged ⟦d…⟧ and commands ⟦c…⟧, so any string can be traced back to the field it came from. */
function makeRound(round: number): Round {
  const rng = random(4242 + round);
  const raw = jsYaml.load(readFileSync(join(ROOT, 'test/fixtures/gen/every-option/pipeline.yaml'), 'utf8'), { schema: jsYaml.CORE_SCHEMA }) as Record<
    string,
    ReadJson
  >;
  raw.agent = { label: 'linux' };
  raw.gates.sonarqube.command = 'sonar-scanner';
  const data = dataFields.map((f, i) => ({ field: f.path, value: adversarialString(rng, `d${i}.${round}`) }));
  const commands = commandFields.map((f, i) => ({ field: f.path, value: adversarialString(rng, `c${i}.${round}`) }));
  for (const { field, value } of [...data, ...commands]) setField(raw, field, value);
  return { text: generateJenkinsfile(normalize(raw, 'pipeline.yaml'), SOURCE), data, commands };
}

const rounds = Array.from({ length: ROUNDS }, (_, i) => makeRound(i));
const work = mkdtempSync(join(tmpdir(), 'pw-shell-boundary-'));
const vars = libraryVarsDir();
let outcomes: SimOutcome[] = [];

test.after(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(vars.dir, { recursive: true, force: true });
});

test('the adversarial Jenkinsfiles run in the simulator on every branch and for a manual rollback, with no unknown step', () => {
  const scenarios = rounds.flatMap((r, i) => {
    const jenkinsfile = join(work, `Jenkinsfile-${i}`);
    writeFileSync(jenkinsfile, r.text);
    return [
      { name: `${i} develop`, jenkinsfile, branch: 'develop' },
      { name: `${i} main`, jenkinsfile, branch: 'main', inputs: { 'Approve: prod': 'ops' } },
      { name: `${i} feature`, jenkinsfile, branch: 'feature/x' },
      { name: `${i} rollback`, jenkinsfile, branch: 'main', params: { PW_ROLLBACK_ENVIRONMENT: 'prod' } },
    ];
  });
  outcomes = simulate(scenarios, { varsDir: vars.dir, resourcesDir: join(ROOT, 'resources') });
  assert.is(outcomes.length, scenarios.length);
  // The real library may refuse an adversarial value (a notification target, say): that is its job. An unknown step is not.
  for (const o of outcomes)
    assert.equal(
      o.errors.filter((e) => /^unknown /.test(e)),
      [],
      `${o.name}: ${o.errors.join('; ')}`,
    );
  const shCount = outcomes.flatMap((o) => o.calls).filter((c) => c.step === 'sh').length;
  console.log(
    `shell boundary: ${outcomes.length} simulated runs, ${shCount} sh calls, ${dataFields.length} data and ${commandFields.length} command fields fed per round${vars.real.length ? `, real vars/: ${vars.real.join(' ')}` : ', library steps stubbed (no vars/ yet)'}`,
  );
});

const calls = (step: string): Array<SimCall & { round: number }> =>
  outcomes.flatMap((o) => o.calls.filter((c) => c.step === step).map((c) => ({ ...c, round: Number(o.name.split(' ')[0]) })));

type Sh = { script?: string; stage?: string | null; round: number };

/** sh scripts that hold a data value's tag: a value pasted into shell text. */
const dataLeaks = (scripts: Sh[]): string[] =>
  scripts.filter((c) => (c.script ?? '').includes('⟦d')).map((c) => `${c.stage}: ${JSON.stringify(c.script).slice(0, 200)}`);

/** Commands that never ran as a whole sh script, and scripts that hold a command's tag but are not exactly a command. */
function commandProblems(commands: Round['commands'][], scripts: Sh[]): string[] {
  const problems: string[] = [];
  commands.forEach((list, round) => {
    for (const c of list)
      if (!scripts.some((s) => s.round === round && s.script === c.value))
        problems.push(`round ${round} ${c.field} never ran as written: ${JSON.stringify(c.value)}`);
  });
  for (const s of scripts.filter((x) => (x.script ?? '').includes('⟦c'))) {
    if (!commands[s.round]!.some((c) => c.value === s.script)) problems.push(`sh ran a changed command: ${JSON.stringify(s.script).slice(0, 200)}`);
  }
  return problems;
}

test('no data value enters the text of any sh script, at any depth (library steps included)', () => {
  assert.equal(dataLeaks(calls('sh')), []);
});

test('data values do reach the run: as library step arguments, and in the environment only as NAME=value entries of withEnv', () => {
  const libraryArgs = outcomes.flatMap((o) => o.calls.filter((c) => c.library)).map((c) => JSON.stringify(c.args));
  assert.ok(
    libraryArgs.some((a) => a.includes('⟦d')),
    'no data value reached a library step: the test would prove nothing',
  );
  const envEntries = calls('withEnv').flatMap((c) => ((c.args as unknown[])[0] as string[]) ?? []);
  const carrying = envEntries.filter((e) => e.includes('⟦d'));
  assert.ok(carrying.length > 0, 'no data value reached withEnv');
  for (const entry of carrying) assert.match(entry, /^PW_[A-Z0-9_]+=/, `a withEnv entry that is not NAME=value: ${JSON.stringify(entry)}`);
  // Each such entry carries a fed value whole after the name (a library step may put it inside a longer value, such as a file name).
  const fed = rounds.flatMap((r) => r.data.map((d) => d.value));
  for (const entry of carrying)
    assert.ok(
      fed.some((v) => entry.slice(entry.indexOf('=') + 1).includes(v)),
      `withEnv holds a mangled value: ${JSON.stringify(entry)}`,
    );
});

test('each command field reaches sh exactly as written, as evaluated by Groovy 2.4', () => {
  assert.equal(
    commandProblems(
      rounds.map((r) => r.commands),
      calls('sh'),
    ),
    [],
  );
});

test('a command appears nowhere in the Jenkinsfile but as the whole body of sh calls', () => {
  const parsed = parseGroovyTexts(rounds.map((r) => r.text));
  parsed.forEach((p, round) => {
    assert.ok(p.ok, `round ${round}: ${p.error}`);
    assert.is(p.gstrings, 0);
    for (const c of rounds[round]!.commands) {
      const tag = /⟦c[^⟧]*⟧/.exec(c.value)![0];
      const holding = p.strings.filter((s) => s.includes(tag));
      const asSh = p.sh.filter((s) => s === c.value).length;
      assert.ok(asSh >= 1, `round ${round} ${c.field} is no sh body`);
      assert.equal(holding, Array(asSh).fill(c.value), `round ${round} ${c.field}: found in other strings`);
    }
  });
});

test('the checks can fail: a data value pasted into a script, a command with text around it, a command that never ran', () => {
  const commands = [[{ field: 'build.test', value: 'pytest ⟦c0.0⟧' }]];
  assert.equal(dataLeaks([{ script: 'echo ⟦d3.0⟧', stage: 'x', round: 0 }]).length, 1);
  assert.equal(dataLeaks([{ script: 'echo "$PW_VALUE"', stage: 'x', round: 0 }]), []);
  assert.equal(commandProblems(commands, [{ script: 'pytest ⟦c0.0⟧', round: 0 }]), []);
  assert.equal(commandProblems(commands, [{ script: 'pytest ⟦c0.0⟧ && true', round: 0 }]).length, 2);
  assert.equal(commandProblems(commands, []).length, 1);
});

test.run();
