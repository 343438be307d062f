// The hand-written docs stay true to the code: stage names, helpers, Jenkins plugins and relative links are checked against what exists.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../support/cli.js';
import { generateBeside, goldenCases, loadModel } from '../gen/support.js';
import { INTERNAL_VARS, STEPS, type InternalVar } from '../../src/gen/steps.js';

const DOCS = join(ROOT, 'docs');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/**
 * Pages other engineers are writing on their own branches right now: links to them are allowed while they are absent.
 * The integrator removes this list once those branches are merged, so a link to a missing page fails again.
 */

// ---- what the code has --------------------------------------------------------------------------

const ENV = '<env>';

/** Decodes a single-quoted Groovy literal's body (the generator escapes only backslash, quote and control characters). */
function groovyUnquote(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) =>
    e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e),
  );
}

interface EmittedStages {
  /** Built-in stage names, an environment's name replaced by `<env>`. */
  builtIn: Set<string>;
  /** Names of custom stages, as the configs give them. */
  custom: Set<string>;
}

/** Every stage name in the Jenkinsfiles generated (in-process) from the examples and the gen fixtures. */
function emittedStages(): EmittedStages {
  const builtIn = new Set<string>();
  const custom = new Set<string>();
  for (const c of goldenCases()) {
    const model = loadModel(c.config);
    const customNames = new Set(model.custom.map((s) => s.name));
    for (const m of generateBeside(model).matchAll(/\bstage\('((?:[^'\\]|\\.)*)'\)/g)) {
      const name = groovyUnquote(m[1]!);
      if (customNames.has(name)) {
        custom.add(name);
        continue;
      }
      const env = model.environments.find((e) => name.endsWith(`: ${e.name}`));
      // A stage written once for several environments names them all ("Roll back: dev, uat").
      const list = /^(.*): (.+, .+)$/.exec(name);
      const names = new Set(model.environments.map((e) => e.name));
      if (list && list[2]!.split(', ').every((n) => names.has(n))) builtIn.add(`${list[1]}: ${ENV}, ${ENV}`);
      else builtIn.add(env ? `${name.slice(0, -env.name.length)}${ENV}` : name);
    }
  }
  return { builtIn, custom };
}

/** The runtime helpers: one entry file each directly under src/helpers/. */
function helperNames(): string[] {
  return readdirSync(join(ROOT, 'src', 'helpers'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** Jenkinsfile constructs and the plugin each needs (the registry lists what the library steps need). */
const CONSTRUCT_PLUGINS: Array<{ construct: RegExp; plugin: string }> = [
  { construct: /^pipeline \{/m, plugin: 'pipeline-model-definition' },
  { construct: /^@Library\(/m, plugin: 'pipeline-groovy-lib' },
  { construct: /^\s+when \{\n(?:\s+before\w+ true\n)*\s+(?:allOf \{\n\s+|anyOf \{\n\s+)?branch (?:'|pattern: )/m, plugin: 'workflow-multibranch' },
  { construct: /^\s+timestamps\(\)$/m, plugin: 'timestamper' },
  { construct: /^\s+githubPush\(\)$/m, plugin: 'github' },
  { construct: /^\s+kubernetes \{$/m, plugin: 'kubernetes' },
  { construct: /^\s+docker \{$/m, plugin: 'docker-workflow' },
  { construct: /^\s+input \{$/m, plugin: 'pipeline-input-step' },
  { construct: /^\s+timeout\(time: /m, plugin: 'workflow-basic-steps' },
  { construct: /^\s+sh '/m, plugin: 'workflow-durable-task-step' },
  { construct: /\bwithCredentials\(/, plugin: 'credentials-binding' },
  { construct: /\bsshUserPrivateKey\(/, plugin: 'ssh-credentials' },
  { construct: /^\s+junit\(/m, plugin: 'junit' },
  { construct: /\bwithSonarQubeEnv\(|\bwaitForQualityGate\(/, plugin: 'sonar' },
];

/** Plugins the docs must name: every registry entry's, and those of the constructs the generator writes. */
function requiredPlugins(): Set<string> {
  const plugins = new Set(STEPS.flatMap((s) => s.plugins));
  const texts = goldenCases().map((c) => generateBeside(loadModel(c.config)));
  for (const { construct, plugin } of CONSTRUCT_PLUGINS) if (texts.some((t) => construct.test(t))) plugins.add(plugin);
  return plugins;
}

// ---- what the docs say --------------------------------------------------------------------------

/** The text outside fenced code blocks, line by line (code blocks become empty lines so line numbers hold). */
function proseLines(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line;
  });
}

const codeSpans = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** The rows of the first table after a heading, as cells. */
function tableAfter(markdown: string, heading: string): string[][] {
  const lines = proseLines(markdown);
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,6} /.test(line)) break;
    if (!line.startsWith('|')) {
      if (rows.length) break;
      continue;
    }
    const cells = line
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    rows.push(cells);
  }
  return rows.slice(1); // the header row
}

/** Stage names troubleshooting.md names: the stage table's first column, `###` headings, and any `…: <env>` code span. */
function stagesNamedIn(markdown: string): { table: string[]; all: Set<string> } {
  const table = tableAfter(markdown, '## Which stage failed').flatMap((row) => codeSpans(row[0] ?? ''));
  const all = new Set(table);
  for (const line of proseLines(markdown)) {
    if (line.startsWith('### ')) for (const span of codeSpans(line)) all.add(span);
    for (const span of codeSpans(line)) if (span.endsWith(`: ${ENV}`)) all.add(span);
  }
  return { table, all };
}

function stageProblems(markdown: string, emitted: EmittedStages): string[] {
  const named = stagesNamedIn(markdown);
  const problems: string[] = [];
  for (const name of named.all) if (!emitted.builtIn.has(name)) problems.push(`names stage "${name}", which the generator never emits`);
  for (const name of emitted.builtIn) if (!named.table.includes(name)) problems.push(`the stage table misses "${name}", which the generator emits`);
  return problems;
}

/** Helpers named in the first column of the helpers index's table. */
function helperProblems(markdown: string, helpers: string[]): string[] {
  const rows = tableAfter(markdown, '# Runtime helpers');
  const listed = rows.flatMap((row) => codeSpans(row[0] ?? ''));
  const problems: string[] = [];
  for (const h of helpers) if (!listed.includes(h)) problems.push(`misses helper "${h}"`);
  for (const h of listed) if (!helpers.includes(h)) problems.push(`names helper "${h}", which src/helpers/ does not have`);
  if (new Set(listed).size !== listed.length) problems.push('lists a helper twice');
  return problems;
}

function pluginProblems(markdown: string, required: Set<string>): string[] {
  const named = new Set(proseLines(markdown).flatMap(codeSpans));
  const problems = [...required].filter((p) => !named.has(p)).map((p) => `misses plugin "${p}"`);
  // The per-step table: one row per registry step, naming each of its plugins.
  const rows = new Map(tableAfter(markdown, '## By library step').map((row) => [codeSpans(row[0] ?? '')[0] ?? '', row]));
  for (const step of STEPS) {
    const row = rows.get(step.name);
    if (!row) {
      problems.push(`the step table misses ${step.name}`);
      continue;
    }
    const cell = new Set(codeSpans(row[1] ?? ''));
    for (const p of step.plugins) if (!cell.has(p)) problems.push(`${step.name}'s row misses plugin "${p}"`);
    for (const p of cell) if (!step.plugins.includes(p)) problems.push(`${step.name}'s row names plugin "${p}", which the registry does not list for it`);
  }
  for (const name of rows.keys()) if (!STEPS.some((s) => s.name === name)) problems.push(`the step table names ${name}, which the registry does not have`);
  return problems;
}

/**
 * docs/library.md: the step table has one row per registry step and no other; the internal vars table one row per
 * internal var, naming its functions, and an internal var is never offered as a step.
 */
function libraryProblems(markdown: string, steps: string[], internal: InternalVar[]): string[] {
  const problems: string[] = [];
  const stepRows = tableAfter(markdown, '## Steps and the Jenkins plugins they need').map((row) => codeSpans(row[0] ?? '')[0] ?? '');
  for (const name of steps) if (!stepRows.includes(name)) problems.push(`the step table misses ${name}`);
  for (const name of stepRows) {
    if (internal.some((v) => v.name === name)) problems.push(`the step table offers the internal var ${name} as a step`);
    else if (!steps.includes(name)) problems.push(`the step table names ${name}, which the registry does not have`);
  }
  const internalRows = new Map(tableAfter(markdown, '## Internal vars').map((row) => [codeSpans(row[0] ?? '')[0] ?? '', codeSpans(row[1] ?? '')]));
  for (const v of internal) {
    const functions = internalRows.get(v.name);
    if (!functions) {
      problems.push(`the internal vars table misses ${v.name}`);
      continue;
    }
    for (const f of v.functions) if (!functions.includes(f)) problems.push(`${v.name}'s row misses function "${f}"`);
    for (const f of functions) if (!v.functions.includes(f)) problems.push(`${v.name}'s row names function "${f}", which the registry does not list`);
  }
  for (const name of internalRows.keys())
    if (!internal.some((v) => v.name === name)) problems.push(`the internal vars table names ${name}, which is no internal var`);
  return problems;
}

/** GitHub's heading anchors: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of proseLines(markdown)) {
    const m = /^#{1,6} +(.*?) *#*$/.exec(line);
    if (!m) continue;
    const text = m[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

/** Relative links (outside code) whose file does not exist, or whose #anchor is no heading of that Markdown file. */
function linkProblems(file: string, markdown: string, exists: (path: string) => boolean, readTarget: (path: string) => string): string[] {
  const problems: string[] = [];
  proseLines(markdown).forEach((line, i) => {
    const withoutCode = line.replace(/`[^`]*`/g, '');
    for (const m of withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
      const [pathPart, anchor] = target.split('#') as [string, string | undefined];
      const path = pathPart ? relative(ROOT, resolve(dirname(join(ROOT, file)), decodeURIComponent(pathPart))) : file;
      const where = `${file}:${i + 1}`;
      if (!exists(path)) {
        problems.push(`${where}: links to ${target}, which does not exist (${path})`);
        continue;
      }
      if (anchor && path.endsWith('.md') && !anchors(readTarget(path)).has(anchor))
        problems.push(`${where}: links to ${target}, but ${path} has no heading "#${anchor}"`);
    }
  });
  return problems;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []))
    .sort();
}

const existsInRepo = (path: string): boolean => !path.startsWith('..') && existsSync(join(ROOT, path));
const readInRepo = (path: string): string => (statSync(join(ROOT, path)).isFile() ? read(path) : '');

// ---- the docs as they are -----------------------------------------------------------------------

const emitted = emittedStages();

test('the generator emits the stages this test expects to find (the collection itself works)', () => {
  for (const name of ['Checkout', 'Unit tests', 'Security scan', `Deploy: ${ENV}`, `Wait for Argo CD sync: ${ENV}`, 'Manual rollback', `Roll back: ${ENV}`]) {
    assert.ok(emitted.builtIn.has(name), name);
  }
  assert.ok(emitted.custom.size > 0, 'the custom-steps fixture names custom stages');
  for (const name of emitted.custom) assert.not.ok(emitted.builtIn.has(name));
});

test('docs/troubleshooting.md names only stages the generator emits, and has a row for each', () => {
  assert.equal(stageProblems(read('docs/troubleshooting.md'), emitted), []);
});

test('docs/helpers/README.md lists every helper in src/helpers/ and no other', () => {
  assert.equal(helperProblems(read('docs/helpers/README.md'), helperNames()), []);
});

test('docs/jenkins-plugins.md names every plugin the registry and the generated constructs need, step by step', () => {
  assert.equal(pluginProblems(read('docs/jenkins-plugins.md'), requiredPlugins()), []);
});

test('docs/library.md lists every registry step as a step and every internal var as internal, with its functions', () => {
  assert.equal(
    libraryProblems(
      read('docs/library.md'),
      STEPS.map((s) => s.name),
      INTERNAL_VARS,
    ),
    [],
  );
});

test('every relative link in docs/ points to a file that exists, and an #anchor to a heading in it', () => {
  const problems = markdownFiles(DOCS).flatMap((f) => {
    const file = relative(ROOT, f);
    return linkProblems(file, read(file), existsInRepo, readInRepo);
  });
  assert.equal(problems, []);
});

test('docs/index.md links every page in docs/', () => {
  const index = read('docs/index.md');
  const missing = markdownFiles(DOCS)
    .map((f) => relative(DOCS, f))
    // The rule pages are reached through rules/README.md.
    .filter((f) => f === 'rules/README.md' || (f !== 'index.md' && !f.startsWith('rules/')))
    .filter((f) => !index.includes(`](${f})`));
  assert.equal(missing, []);
});

// ---- the checks can fail ------------------------------------------------------------------------

test('a stage the generator never emits, or a missing one, is reported', () => {
  const doc = read('docs/troubleshooting.md');
  const renamed = doc.replace('| `Unit tests` |', '| `Run Unit Tests` |');
  assert.equal(stageProblems(renamed, emitted), [
    'names stage "Run Unit Tests", which the generator never emits',
    'the stage table misses "Unit tests", which the generator emits',
  ]);
  assert.equal(stageProblems(`${doc}\nSee \`Smoke test: ${ENV}\`.\n`, emitted), [`names stage "Smoke test: ${ENV}", which the generator never emits`]);
  assert.equal(stageProblems(`${doc}\n### \`Trivy Security Scan\`\n`, emitted), ['names stage "Trivy Security Scan", which the generator never emits']);
});

test('a helper missing from the index, or one that does not exist, is reported', () => {
  const doc = read('docs/helpers/README.md');
  const without = doc
    .split('\n')
    .filter((l) => !l.startsWith('| `db-list` |'))
    .join('\n');
  assert.equal(helperProblems(without, helperNames()), ['misses helper "db-list"']);
  const extra = doc.replace('| `gate-trivy` |', "| `gate-trivy` |\n| `restore-postgres` | the seed's script | (none) | (none) |\n| `gate-trivy-old` |");
  assert.ok(helperProblems(extra, helperNames()).includes('names helper "restore-postgres", which src/helpers/ does not have'));
  assert.equal(helperProblems(doc, [...helperNames(), 'new-helper']), ['misses helper "new-helper"']);
});

test('a plugin missing from the plugins page, or from a step row, is reported', () => {
  const doc = read('docs/jenkins-plugins.md');
  assert.equal(pluginProblems(doc, new Set([...requiredPlugins(), 'pipeline-utility-steps-2'])), ['misses plugin "pipeline-utility-steps-2"']);
  const noSonar = doc.replaceAll('`sonar`', 'sonar');
  assert.equal(pluginProblems(noSonar, requiredPlugins()), ['misses plugin "sonar"']);
  const wrongRow = doc.replace('| `pwCoverageGate` | `coverage`, ', '| `pwCoverageGate` | `junit`, ');
  assert.equal(pluginProblems(wrongRow, requiredPlugins()), [
    `pwCoverageGate's row misses plugin "coverage"`,
    `pwCoverageGate's row names plugin "junit", which the registry does not list for it`,
  ]);
});

test('a step missing from docs/library.md, an internal var offered as a step, or a function not listed, is reported', () => {
  const doc = read('docs/library.md');
  const steps = STEPS.map((s) => s.name);
  assert.equal(libraryProblems(doc, [...steps, 'pwNew'], INTERNAL_VARS), ['the step table misses pwNew']);
  const offered = doc.replace('| `pwPreflight` |', '| `pwInternal` | — | — | — | held |\n| `pwPreflight` |');
  assert.equal(libraryProblems(offered, steps, INTERNAL_VARS), ['the step table offers the internal var pwInternal as a step']);
  const more = INTERNAL_VARS.map((v, i) => (i === 0 ? { ...v, functions: [...v.functions, 'newFunction'] } : v));
  assert.equal(libraryProblems(doc, steps, more), [`${INTERNAL_VARS[0]!.name}'s row misses function "newFunction"`]);
});

test('a link to a missing file or heading is reported; links in code are not', () => {
  const doc = [
    'See [gen](gen.md), [the shape](gen.md#the-shape) and [web](https://example.com/x.md).',
    'Broken: [old](old-page.md), [anchor](gen.md#no-such-heading), [self](#nowhere).',
    '`[not a link](missing-in-code.md)`',
    '```',
    '[not a link](missing-in-fence.md)',
    '```',
    '## Here',
    '[self](#here)',
  ].join('\n');
  const exists = (p: string): boolean => p === 'docs/gen.md' || p === 'docs/x.md';
  const readTarget = (p: string): string => (p === 'docs/x.md' ? doc : '# `pipewright gen`\n## The shape\n');
  assert.equal(linkProblems('docs/x.md', doc, exists, readTarget), [
    'docs/x.md:2: links to old-page.md, which does not exist (docs/old-page.md)',
    'docs/x.md:2: links to gen.md#no-such-heading, but docs/gen.md has no heading "#no-such-heading"',
    'docs/x.md:2: links to #nowhere, but docs/x.md has no heading "#nowhere"',
  ]);
});

test("heading anchors follow GitHub's rules", () => {
  const a = anchors('# `pipewright gen`: the generated Jenkinsfile\n## Holds: `release-hold`\n## Step 1\n## Step 1\n## What it prints.\n');
  assert.equal([...a], ['pipewright-gen-the-generated-jenkinsfile', 'holds-release-hold', 'step-1', 'step-1-1', 'what-it-prints']);
});

test.run();
