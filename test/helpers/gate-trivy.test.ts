// gate-trivy on hand-made Trivy reports (the corpus ones run in test/corpus/), the ignore list's expiry, and the bundled helper end to end.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, spec } from '../../src/helpers/gate-trivy.js';
import { runHelper } from '../../src/helpers/shared/cli.js';
import { SEVERITIES, type Severity } from '../../src/helpers/reports/trivy.js';
import { ROOT } from '../support/cli.js';
import { SAMPLES, tempDir } from '../support/reports.js';

const quiet = (): void => {};
const base = { failOn: ['CRITICAL', 'HIGH'] as Severity[], warnOn: ['MEDIUM', 'LOW'] as Severity[], ignoreUnfixed: false, today: '2026-01-15', print: quiet };
const full = (partial: unknown): Record<Severity, number> =>
  Object.fromEntries(SEVERITIES.map((s) => [s, (partial as Record<string, number> | undefined)?.[s] ?? 0])) as Record<Severity, number>;

test('with --ignore-unfixed only the fixable findings count (Status "fixed" without a FixedVersion is fixable)', async () => {
  const result = await run({ ...base, ignoreUnfixed: true, file: join(SAMPLES, 'trivy-statuses.json') });
  assert.equal((result.counts as Record<string, unknown>).vulnerability, full({ LOW: 1 }));
  assert.equal((result.blocking as unknown[]).length, 0);
  assert.equal(
    (result.warnings as Array<{ id: string }>).map((w) => w.id),
    ['CVE-2026-1004'],
  );
});

test('an active ignore entry hides a finding; an expired one no longer does and is reported', async () => {
  const dir = tempDir('trivy');
  const ignoreFile = join(dir, 'ignore.json');
  // The ids are read from the report itself, so the test cannot drift from the data.
  const report = JSON.parse(readFileSync(join(SAMPLES, 'trivy-image.json'), 'utf8'));
  const ids = (report.Results[0].Vulnerabilities as Array<{ VulnerabilityID: string; Severity: string }>).map((v) => v.VulnerabilityID);
  assert.is(ids.length, 3);
  writeFileSync(ignoreFile, JSON.stringify(ids.map((id, i) => ({ id, until: i === 0 ? '2026-01-14' : '2026-01-15', reason: 'accepted by security review' }))));
  const result = await run({ ...base, file: join(SAMPLES, 'trivy-image.json'), ignoreFile });
  assert.is(result.ignoredByList, 2, 'entries valid through today still ignore');
  assert.equal(
    (result.expiredIgnores as Array<{ id: string; matches: number }>).map((e) => [e.id, e.matches]),
    [[ids[0], 1]],
  );
  assert.is(result.verdict, 'fail');
  assert.match(String(result.message), new RegExp(`ignore entry "${ids[0]}" expired on 2026-01-14 and no longer hides 1 finding`));
  const later = await run({ ...base, today: '2026-01-16', file: join(SAMPLES, 'trivy-image.json'), ignoreFile });
  assert.is(later.ignoredByList, 0);
  assert.is((later.expiredIgnores as unknown[]).length, 3);
});

test('misconfigurations can be ignored by ID or AVDID; secrets by rule ID', async () => {
  const dir = tempDir('trivy');
  const ignoreFile = join(dir, 'ignore.json');
  writeFileSync(ignoreFile, JSON.stringify([{ id: 'DS-0002', until: '2030-01-01', reason: 'root needed for now' }]));
  const misconfig = await run({ ...base, file: join(SAMPLES, 'trivy-misconfig.json'), ignoreFile });
  assert.is(misconfig.verdict, 'pass');
  writeFileSync(ignoreFile, JSON.stringify([{ id: 'AVD-DS-0002', until: '2030-01-01', reason: 'root needed for now' }]));
  assert.is((await run({ ...base, file: join(SAMPLES, 'trivy-misconfig.json'), ignoreFile })).verdict, 'pass', 'by AVDID');
  assert.is((await run({ ...base, file: join(SAMPLES, 'trivy-misconfig.json') })).verdict, 'fail', 'a failed HIGH check fails unless ignored');
  writeFileSync(ignoreFile, JSON.stringify([{ id: 'aws-access-key-id', until: '2030-01-01', reason: 'test fixture key' }]));
  const secrets = await run({ ...base, file: join(SAMPLES, 'trivy-secrets.json'), ignoreFile });
  assert.equal(secrets.bySeverity, full({ HIGH: 1 }));
});

test('the current trivy k8s format (Resources[].Results[]) is read, with resource names', async () => {
  const dir = tempDir('trivy');
  const file = join(dir, 'k8s.json');
  writeFileSync(
    file,
    JSON.stringify({
      ClusterName: 'kind',
      Resources: [
        {
          Namespace: 'shop',
          Kind: 'Deployment',
          Name: 'api',
          Results: [
            {
              Target: 'api:1.0 (debian 12)',
              Class: 'os-pkgs',
              Vulnerabilities: [
                { VulnerabilityID: 'CVE-1', Severity: 'HIGH', Status: 'affected' },
                { VulnerabilityID: 'CVE-2', Severity: 'LOW', Status: 'fixed', FixedVersion: '2' },
              ],
            },
            {
              Target: 'Deployment/api',
              Class: 'config',
              Misconfigurations: [
                { ID: 'KSV001', AVDID: 'AVD-KSV-0001', Severity: 'MEDIUM', Status: 'FAIL' },
                { ID: 'KSV002', Severity: 'HIGH', Status: 'PASS' },
              ],
            },
          ],
        },
        { Namespace: 'shop', Kind: 'Secret', Name: 'creds' },
      ],
    }),
  );
  const result = await run({ ...base, file });
  assert.is(result.format, 'k8s');
  assert.equal(result.bySeverity, full({ HIGH: 1, MEDIUM: 1, LOW: 1 }));
  assert.equal(
    (result.blocking as Array<{ resource: string; id: string }>).map((f) => [f.resource, f.id]),
    [['shop/Deployment/api', 'CVE-1']],
  );
  const unfixed = await run({ ...base, ignoreUnfixed: true, file });
  assert.is(unfixed.verdict, 'warn');
});

test('the Markdown report escapes report text: a pipe or an HTML tag in a title cannot break the table', async () => {
  const dir = tempDir('trivy');
  const file = join(dir, 'r.json');
  writeFileSync(
    file,
    JSON.stringify({
      SchemaVersion: 2,
      ArtifactName: 'app',
      Results: [{ Target: 't', Vulnerabilities: [{ VulnerabilityID: 'CVE-9', Severity: 'HIGH', Title: 'a | b <script>x</script>\nc' }] }],
    }),
  );
  await run({ ...base, file, markdown: join(dir, 'r.md') });
  const row = readFileSync(join(dir, 'r.md'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('| HIGH | CVE-9'));
  assert.ok(row?.endsWith('| a \\| b &lt;script&gt;x&lt;/script&gt; c |'), row);
});

test('a malformed ignore file is a clear failure', async () => {
  const dir = tempDir('trivy');
  const ignoreFile = join(dir, 'ignore.json');
  writeFileSync(ignoreFile, JSON.stringify([{ id: 'CVE-1', until: '2026-02-30', reason: 'x' }]));
  await run({ ...base, file: join(SAMPLES, 'trivy-image.json'), ignoreFile }).then(
    () => assert.unreachable(),
    (error: Error) => assert.match(error.message, /ignore entry 1 needs "id", "until" \(YYYY-MM-DD\) and "reason"/),
  );
});

test('custom severities: nothing fails, HIGH and CRITICAL only warn', async () => {
  const result = await run({ ...base, failOn: [], warnOn: ['CRITICAL', 'HIGH'], file: join(SAMPLES, 'trivy-image.json') });
  assert.is(result.ok, true);
  assert.is(result.unstable, true);
});

for (const [name, text, message] of [
  ['empty', '', /the report is empty/],
  ['not JSON', '{"SchemaVersion": 2, ', /not JSON/],
  ['another schema', '{"SchemaVersion": 1, "Results": []}', /unsupported Trivy SchemaVersion 1/],
  ['not Trivy', '{"hello": "world"}', /no "SchemaVersion"/],
  ['Results not a list', '{"SchemaVersion": 2, "Results": {}}', /"Results" is not an array/],
] as const) {
  test(`refuses a report that is ${name}`, async () => {
    const dir = tempDir('trivy');
    writeFileSync(join(dir, 'r.json'), text);
    const outcome = await runHelper(spec, ['--file', join(dir, 'r.json'), '--result', join(dir, 'result.json')]);
    assert.is(outcome.exitCode, 1);
    assert.match(JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')).message, message);
  });
}

test('a missing report exits 1 naming the file; a bad flag exits 2', async () => {
  assert.is((await runHelper(spec, ['--file', '/no/such/trivy.json'])).exitCode, 1);
  assert.is((await runHelper(spec, ['--file', join(SAMPLES, 'trivy-image.json'), '--fail-on', 'SEVERE'])).exitCode, 2);
  assert.is((await runHelper(spec, ['--file', join(SAMPLES, 'trivy-image.json'), '--today', '2026-13-01'])).exitCode, 2);
});

test('bundle e2e: dist/helpers/gate-trivy.cjs fails on a k8s report with --fail-on MEDIUM and writes result, summary and Markdown', () => {
  const dir = tempDir('trivy-e2e');
  const args = [join(ROOT, 'dist/helpers/gate-trivy.cjs'), '--file', join(SAMPLES, 'trivy-k8s.json'), '--fail-on', 'MEDIUM', '--warn-on', 'LOW'];
  const files = ['--result', join(dir, 'result.json'), '--summary', join(dir, 'summary.json'), '--markdown', join(dir, 'report.md')];
  const r = spawnSync(process.execPath, [...args, ...files], { encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stdout, /misconfigurations\s+0\s+0\s+2\s+2\s+0/);
  assert.match(r.stderr, /security gate failed: 2 MEDIUM/);
  const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
  assert.is(result.helper, 'gate-trivy');
  assert.is(result.exitCode, 1);
  assert.is(result.verdict, 'fail');
  assert.equal(result.bySeverity, full({ MEDIUM: 2, LOW: 2 }));
  assert.is(result.artifact, 'kind-pipewright');
  assert.ok(result.blocking.every((f: { resource: string }) => /^default\/(Deployment|Service)\//.test(f.resource)));
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  assert.is(summary.schema, 'pipewright.trivy-summary/1');
  assert.equal(summary.counts, result.counts);
  const markdown = readFileSync(join(dir, 'report.md'), 'utf8');
  assert.match(markdown, /^# Security scan: FAILED/);
  assert.match(markdown, /\| misconfigurations \| 0 \| 0 \| 2 \| 2 \| 0 \|/);

  const warn = spawnSync(process.execPath, [args[0]!, '--file', join(SAMPLES, 'trivy-k8s.json'), '--result', join(dir, 'warn.json')], {
    encoding: 'utf8',
    timeout: 20_000,
    killSignal: 'SIGKILL',
  });
  assert.is(warn.status, 0);
  assert.is(JSON.parse(readFileSync(join(dir, 'warn.json'), 'utf8')).unstable, true);

  writeFileSync(join(dir, 'legacy-report.json'), JSON.stringify([{ Target: 'alpine:3.10 (alpine 3.10.2)', Vulnerabilities: null }]));
  const legacy = spawnSync(process.execPath, [args[0]!, '--file', join(dir, 'legacy-report.json'), '--result', join(dir, 'legacy.json')], {
    encoding: 'utf8',
    timeout: 20_000,
    killSignal: 'SIGKILL',
  });
  assert.is(legacy.status, 1);
  assert.match(legacy.stderr, /legacy Trivy report/);
  assert.ok(existsSync(join(dir, 'legacy.json')));
});

test.run();
