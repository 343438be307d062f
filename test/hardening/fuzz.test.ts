// Fuzzing the front door in-process: thousands of mutated configs through load, lint, a formatter and gen; what gen writes parses under Groovy 2.4.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { loadBytes } from '../../src/config/load.js';
import { lintLoaded, type LintResult } from '../../src/lint/runner.js';
import { formatters } from '../../src/lint/formatters/index.js';
import { generateJenkinsfile } from '../../src/gen/jenkinsfile.js';
import { parseGroovyTexts } from '../support/groovy.js';
import { registryProblems } from '../gen/support.js';
import { MUTATION_KINDS } from './mutate.js';
import { describeFailures, fuzzSettings, mutantFor, STACK_FRAME, type FuzzFailure } from './fuzz-support.js';

const { seed, cases } = fuzzSettings({ seed: 20261125, cases: 3000 });
const SOURCE = { source: 'pipeline.yaml', command: 'pipewright gen' };
const FORMATS = Object.keys(formatters).sort();
/** Longer than any message pipewright writes on purpose; user text quoted in a message is clipped well below it. */
const MAX_MESSAGE = 1000;

const failures: FuzzFailure[] = [];
/** Generated Jenkinsfiles by content hash, with the first case that produced each. */
const generated = new Map<string, { index: number; text: string }>();
const tally = { cases: 0, clean: 0, refused: 0, unreadable: 0, warningsOnly: 0 };
let slowest = { ms: -1, index: -1 };

/** What a lint result must look like whatever the input: diagnostics or a model, each diagnostic complete and short. */
function resultProblem(result: LintResult): string | null {
  if (!result.model && result.diagnostics.length === 0) return 'no model and no diagnostic';
  for (const d of result.diagnostics) {
    if (!d.ruleId || !d.message) return `a diagnostic without rule id or message: ${JSON.stringify(d).slice(0, 300)}`;
    if (d.severity !== 'error' && d.severity !== 'warning') return `severity ${String(d.severity)}`;
    if (!(d.line >= 1 && d.column >= 1)) return `position ${d.line}:${d.column} [${d.ruleId}]`;
    if (d.message.length > MAX_MESSAGE) return `a ${d.message.length}-character message [${d.ruleId}]: ${d.message.slice(0, 200)}…`;
    if (STACK_FRAME.test(d.message)) return `a stack trace in a message [${d.ruleId}]`;
  }
  return null;
}

test(`${cases.length} mutated configs (seed ${seed}) load, lint, format and generate without an exception`, async () => {
  console.log(
    `fuzz: seed ${seed}, ${cases.length} cases, ${MUTATION_KINDS.length} kinds of mutation; reproduce with PIPEWRIGHT_FUZZ_SEED=${seed} [PIPEWRIGHT_FUZZ_CASE=i]`,
  );
  for (const index of cases) {
    const mutant = mutantFor(seed, index);
    const started = Date.now();
    tally.cases++;
    try {
      const result = lintLoaded(loadBytes(mutant.bytes, 'pipeline.yaml'), undefined, { today: '2026-01-01' });
      const problem = resultProblem(result);
      if (problem) {
        failures.push({ index, ops: mutant.ops, problem, bytes: mutant.bytes });
        continue;
      }
      // One formatter per case, in turn: each sees every kind of input over the run.
      const formatted = await formatters[FORMATS[index % FORMATS.length]!]!([result], { color: false });
      if (STACK_FRAME.test(formatted)) failures.push({ index, ops: mutant.ops, problem: 'a stack trace in formatted output', bytes: mutant.bytes });
      if (result.unreadable) tally.unreadable++;
      if (result.diagnostics.some((d) => d.severity === 'error')) {
        tally.refused++;
        continue;
      }
      if (result.diagnostics.length) tally.warningsOnly++;
      tally.clean++;
      const text = generateJenkinsfile(result.model!, SOURCE);
      const hash = createHash('sha256').update(text).digest('hex');
      if (!generated.has(hash)) generated.set(hash, { index, text });
    } catch (error) {
      failures.push({ index, ops: mutant.ops, problem: `threw ${(error as Error)?.stack ?? String(error)}`.slice(0, 1500), bytes: mutant.bytes });
    } finally {
      const ms = Date.now() - started;
      if (ms > slowest.ms) slowest = { ms, index };
    }
  }
  console.log(
    `fuzz in-process: ${tally.cases} cases tried, ${failures.length} failures; ${tally.refused} refused with errors (${tally.unreadable} unreadable), ` +
      `${tally.clean} lint clean (${tally.warningsOnly} with warnings) -> ${generated.size} distinct Jenkinsfiles; slowest case ${slowest.index} (${slowest.ms} ms)`,
  );
  assert.equal(failures.length, 0, describeFailures(seed, failures));
  assert.ok(cases.length < 100 || (tally.clean > 50 && tally.refused > 50), 'the mutations should yield both clean and refused configs');
});

test('every Jenkinsfile gen wrote for a lint-clean mutant parses under Groovy 2.4 (one JVM), without a GString, calling only known steps', () => {
  const entries = [...generated.values()];
  if (cases.length >= 100) assert.ok(entries.length > 20, `only ${entries.length} distinct Jenkinsfiles to parse`);
  const parsed = parseGroovyTexts(entries.map((e) => e.text));
  const bad: string[] = [];
  parsed.forEach((p, i) => {
    const where = `case ${entries[i]!.index} (PIPEWRIGHT_FUZZ_SEED=${seed} PIPEWRIGHT_FUZZ_CASE=${entries[i]!.index})`;
    if (!p.ok) bad.push(`${where}: does not parse: ${p.error}`);
    else if (p.gstrings) bad.push(`${where}: ${p.gstrings} GString(s)`);
    else bad.push(...registryProblems(p).map((problem) => `${where}: ${problem}`));
  });
  console.log(`fuzz groovy: ${parsed.length} generated Jenkinsfiles parsed, ${bad.length} failures`);
  assert.equal(bad, []);
});

test('the checks can fail: no answer, a bad position, a huge message and a stack trace are each caught', () => {
  const good = { ruleId: 'schema', severity: 'error' as const, message: 'x is wrong; fix it', file: 'pipeline.yaml', path: [], line: 1, column: 1 };
  const result = (diagnostics: unknown[], model: unknown = null) =>
    ({ file: 'pipeline.yaml', text: '', raw: undefined, model, diagnostics }) as unknown as LintResult;
  assert.is(resultProblem(result([good])), null);
  assert.match(resultProblem(result([])) ?? '', /no model and no diagnostic/);
  assert.match(resultProblem(result([{ ...good, line: 0 }])) ?? '', /position/);
  assert.match(resultProblem(result([{ ...good, message: 'k'.repeat(5000) }])) ?? '', /5000-character/);
  assert.match(resultProblem(result([{ ...good, message: String(new Error('boom').stack) }])) ?? '', /stack trace/);
  assert.ok(STACK_FRAME.test(String(new Error('boom').stack)));
});

test.run();
