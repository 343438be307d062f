// The benchmark's inputs are real work: its fleet lints clean, `pipewright gen` writes a Jenkinsfile for every member that
// Groovy 2.4 parses, and the jenkins-jobs definitions carry exactly those Jenkinsfiles. Correctness only, never timing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import jsYaml from 'js-yaml';
import { runCli } from '../support/cli.js';
import { parseGroovyFiles } from '../support/groovy.js';
import { fleetAppName, fleetConfig, writeFleet } from '../../scripts/bench/fleet.mjs';
import { writeJobDefinitions } from '../../scripts/bench/peers.mjs';

const COUNT = 20;
let dir = '';
let configs: string[] = [];

test.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pw-bench-smoke-'));
  configs = writeFleet(join(dir, 'fleet'), COUNT);
});
test.after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('the fleet is deterministic and varied: unique apps, every language preset, every agent kind, 0 to 3 environments', () => {
  assert.is(fleetConfig(7), fleetConfig(7));
  assert.is(new Set(configs.map((_, i) => fleetAppName(i))).size, COUNT);
  const texts = configs.map((f) => readFileSync(f, 'utf8'));
  for (const language of ['python', 'node', 'go', 'maven'])
    assert.ok(
      texts.some((t) => t.includes(`language: ${language}`)),
      language,
    );
  for (const agent of ['kubernetes:', 'docker:', 'label:'])
    assert.ok(
      texts.some((t) => t.includes(`\n  ${agent}`)),
      agent,
    );
  const environmentCounts = new Set(texts.map((t) => ['dev', 'staging', 'prod'].filter((e) => t.includes(`\n  ${e}:\n`)).length));
  assert.equal([...environmentCounts].sort(), [0, 1, 2, 3]);
});

test('the fleet lints clean, so pipewright lint does the same work as the peers it is compared with', () => {
  const r = runCli(['lint', join(dir, 'fleet'), '--format', 'json'], { timeoutMs: 60_000 });
  assert.is(r.code, 0, r.stdout + r.stderr);
  // The fleet's manifests live in a GitOps repository the benchmark does not write, so each config carries
  // exactly the info note saying they were not checked; no error or warning.
  const findings = JSON.parse(r.stdout) as { severity: string; ruleId: string }[];
  assert.equal(
    findings.filter((f) => f.severity !== 'info'),
    [],
  );
  assert.ok(
    findings.every((f) => f.ruleId === 'manifest-disagrees'),
    r.stdout,
  );
});

test('gen over the fleet in one process writes every Jenkinsfile, and each parses under Groovy 2.4', () => {
  const r = runCli(['gen', join(dir, 'fleet')], { timeoutMs: 60_000 });
  assert.is(r.code, 0, r.stderr);
  const jenkinsfiles = configs.map((f) => join(dirname(f), 'Jenkinsfile'));
  for (const file of jenkinsfiles) assert.ok(existsSync(file), `${file} was not written`);
  assert.is(r.stdout.trim().split('\n').length, COUNT);
  const parsed = parseGroovyFiles(jenkinsfiles);
  assert.is(parsed.length, COUNT);
  for (const p of parsed) assert.ok(p.ok, `${p.file}: ${p.error}`);
});

test('each jenkins-jobs definition is a pipeline job whose inline script is the generated Jenkinsfile, byte for byte', () => {
  const jenkinsfiles = configs.map((f) => join(dirname(f), 'Jenkinsfile'));
  const jobs = join(dir, 'jobs');
  writeJobDefinitions(jenkinsfiles, jobs);
  assert.is(readdirSync(jobs).length, COUNT);
  for (const file of jenkinsfiles) {
    const name = dirname(file).split('/').pop()!;
    const [entry] = jsYaml.load(readFileSync(join(jobs, `${name}.yaml`), 'utf8')) as Array<{ job: Record<string, unknown> }>;
    assert.is(entry!.job.name, name);
    assert.is(entry!.job['project-type'], 'pipeline');
    assert.is(entry!.job.dsl, readFileSync(file, 'utf8'));
  }
});

test.run();
