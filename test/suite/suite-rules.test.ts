// Rules for the test suite itself: no test relies on a wall-clock limit under 5 s (they fail on a loaded machine),
// and only the corpus tier (test/corpus/) reads ../shared, which a user's fresh clone does not have.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../support/cli.js';

const MIN_LIMIT_MS = 5000;

/** Every .ts file under test/, except the fixtures (data, not tests) and the corpus tier when asked. */
function testSources(dir = join(ROOT, 'test')): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'fixtures') out.push(...testSources(full));
    else if (entry.isFile() && entry.name.endsWith('.ts')) out.push(full);
  }
  return out.sort();
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const toMs = (value: string, unit = 'ms'): number => Number(value.replace(/_/g, '')) * UNIT_MS[unit]!;

/**
 * Wall-clock limits written as literals: a helper flag naming a timeout or deadline ('--request-timeout', '200ms'),
 * an option key naming one (timeoutMs: 300, timeout: 1000), deadline(250, …), AbortSignal.timeout(100) and
 * Date.now() + 300. Intervals, backoffs and sleeps are not limits, so they are not matched.
 */
function shortLimits(text: string): Array<{ line: number; text: string; ms: number }> {
  const found: Array<{ line: number; text: string; ms: number }> = [];
  const patterns: Array<[RegExp, (m: RegExpExecArray) => number]> = [
    [/'--[\w-]*(?:timeout|deadline)[\w-]*'\s*,\s*'(\d+(?:\.\d+)?)(ms|s|m|h)?'/gi, (m) => toMs(m[1]!, m[2] ?? 'ms')],
    [/--[\w-]*(?:timeout|deadline)[\w-]*=(\d+(?:\.\d+)?)(ms|s|m|h)?\b/gi, (m) => toMs(m[1]!, m[2] ?? 'ms')],
    [/\b\w*(?:timeout|deadline)\w*\s*:\s*(\d[\d_]*)(?![\w.])/gi, (m) => toMs(m[1]!)],
    [/\b(?:deadline|AbortSignal\.timeout)\(\s*(\d[\d_]*)(?![\w.])/g, (m) => toMs(m[1]!)],
    [/Date\.now\(\)\s*\+\s*(\d[\d_]*)(?![\w.])/g, (m) => toMs(m[1]!)],
  ];
  text.split('\n').forEach((line, i) => {
    for (const [pattern, ms] of patterns) {
      for (const m of line.matchAll(pattern)) {
        const value = ms(m as RegExpExecArray);
        if (value < MIN_LIMIT_MS) found.push({ line: i + 1, text: m[0], ms: value });
      }
    }
  });
  return found;
}

/** Literals the scan matches that are not wall-clock limits, each with the reason. Keep this list tiny. */
const ALLOWED: Array<{ file: string; text: string; why: string }> = [
  // The option parser's own test reads these values back; nothing runs or waits under them.
  { file: 'test/helpers/options.test.ts', text: "'--timeout', '500ms'", why: 'a duration parsed, not a limit' },
  { file: 'test/helpers/options.test.ts', text: "'--timeout', '2'", why: 'a duration parsed, not a limit' },
  { file: 'test/helpers/options.test.ts', text: "'--git-timeout', '10ms'", why: 'a duration refused by its bound, not a limit' },
];

test('the wall-clock scan finds short limits in every form it claims, and leaves intervals and long limits alone', () => {
  const sample = [
    "runBundledHelper('health-check', ['--url', u, '--timeout', '300ms', '--interval', '10ms']);",
    "bump(['--git-timeout', '1s', '--backoff-ms', '10']);",
    'await request({ url, attempts: 2, timeoutMs: 150 });',
    'spawnSync(cmd, args, { timeout: 2000 });',
    'const clock = deadline(250, now);',
    'const until = Date.now() + 300;',
    "run(['--request-timeout=200ms']);",
    "ok(['--timeout', '20s', '--request-timeout', '10s']); spawnSync(c, a, { timeout: 10_000 }); setTimeout(r, 50);",
    "yaml('approval: { timeout: 4h }');",
  ].join('\n');
  assert.equal(
    shortLimits(sample).map((f) => [f.line, f.ms]),
    [
      [1, 300],
      [2, 1000],
      [3, 150],
      [4, 2000],
      [5, 250],
      [6, 300],
      [7, 200],
    ],
  );
});

test(`no test relies on a wall-clock limit under ${MIN_LIMIT_MS / 1000} s (inject a clock instead: see test/helpers/health-check.test.ts)`, () => {
  const problems: string[] = [];
  for (const file of testSources()) {
    const rel = relative(ROOT, file);
    if (rel === 'test/suite/suite-rules.test.ts') continue; // the samples above
    for (const f of shortLimits(readFileSync(file, 'utf8'))) {
      if (ALLOWED.some((a) => a.file === rel && f.text.includes(a.text))) continue;
      problems.push(`${rel}:${f.line}: ${f.text} (${f.ms} ms)`);
    }
  }
  assert.equal(problems, []);
});

test('only the corpus tier (test/corpus/) reads ../shared: the default tier runs on a fresh clone', () => {
  // The corpus paths are defined in test/support (cli.ts, reports.ts) and used only by test/corpus/.
  const CORPUS_NAMES = /\b(CORPUS|TRIVY_DIR|COVERAGE_DIR|JUNIT_DIR)\b|['"]\.\.\/shared\b|'\.\.', 'shared'|['"]shared['"]\s*,/;
  // runner.test.ts creates a scratch "shared" folder beside a scratch project; it never reads the real ../shared.
  const definitions = new Set(['test/support/cli.ts', 'test/support/reports.ts', 'test/suite/suite-rules.test.ts', 'test/suite/runner.test.ts']);
  const problems: string[] = [];
  for (const file of testSources()) {
    const rel = relative(ROOT, file);
    if (rel.startsWith('test/corpus/') || definitions.has(rel)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (CORPUS_NAMES.test(line)) problems.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.equal(problems, []);
  // And the corpus tier does use them (so the check above is looking for the right names).
  const corpusTier = testSources(join(ROOT, 'test', 'corpus'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  assert.ok(CORPUS_NAMES.test(corpusTier));
});

test.run();
