// Estimates, without Java, how much bytecode a generated Jenkinsfile's pipeline { } block compiles to, and checks it against the budget.

/**
 * Jenkins' CPS transform and Declarative put the whole pipeline { } block into one method, and a JVM method holds at
 * most 64 KB of bytecode ("Method code too large"). The budget is half of that, since the CPS transform inflates code.
 */
export const SIZE_BUDGET_BYTES = 32 * 1024;

/**
 * Bytes of Groovy 2.4 bytecode per construct, fitted against real groovyc on the examples, the golden fixtures and
 * the benchmark fleet (the code of the script's run() and of every closure's doCall), then rounded up so the estimate
 * stays above the measured size: test/gen/size.test.ts compiles them again and holds it between 1x and 1.5x.
 */
const WEIGHTS = { closure: 34, call: 13, string: 8, key: 7, list: 5 };

const STRING_LITERAL = /'''(?:[^\\]|\\.)*?'''|'(?:[^'\\\n]|\\.)*'/g;

export interface SizeEstimate {
  /** The estimated bytecode of the pipeline block, in bytes. */
  bytes: number;
  closures: number;
  calls: number;
  strings: number;
  keys: number;
  lists: number;
}

/** Counts the constructs that cost bytecode in a generated Jenkinsfile (single-quoted literals only: gen writes no GString). */
export function estimateSize(jenkinsfile: string): SizeEstimate {
  const strings = jenkinsfile.match(STRING_LITERAL)?.length ?? 0;
  // Structure only: literals emptied first, so braces, colons and URLs inside them count for nothing.
  const bare = jenkinsfile.replace(STRING_LITERAL, "''").replace(/\/\/[^\n]*/g, '');
  const count = (pattern: RegExp): number => bare.match(pattern)?.length ?? 0;
  const closures = count(/\{/g);
  // A call: a name followed by its arguments, a closure, or a literal (`branch 'main'`, `beforeAgent true`).
  const calls = count(/\b[A-Za-z_]\w*\s*(?:\(|\{|'|\[|true\b|false\b|\d)/g);
  const keys = count(/\b\w+\s*:/g);
  const lists = count(/\[/g);
  const bytes = WEIGHTS.closure * closures + WEIGHTS.call * calls + WEIGHTS.string * strings + WEIGHTS.key * keys + WEIGHTS.list * lists;
  return { bytes, closures, calls, strings, keys, lists };
}

/** Kilobytes with one decimal, for messages and the size report. */
export const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * An upper bound of estimateSize's bytes from one pass over the characters, with no regular expression: each call
 * ends with an opening, a quote, a digit or a boolean (a different one each), each key with a colon, each literal
 * holds two quotes, and emptying literals and cutting comments only removes these characters. Above the budget, the
 * exact count decides. The exact count's six regular-expression passes were 4 % of gen's CPU over a fleet; the
 * fleet's Jenkinsfiles bound at about twice their estimate, well inside the budget (test/gen/size-bound.test.ts holds
 * the bound above the estimate on every golden and on random text).
 */
export function sizeBound(jenkinsfile: string): number {
  let braces = 0;
  let parens = 0;
  let quotes = 0;
  let brackets = 0;
  let digits = 0;
  let colons = 0;
  for (let i = 0; i < jenkinsfile.length; i++) {
    const c = jenkinsfile.charCodeAt(i);
    if (c < 48) {
      if (c === 40) parens++;
      else if (c === 39) quotes++;
    } else if (c <= 58) {
      if (c === 58) colons++;
      else digits++;
    } else if (c === 123) braces++;
    else if (c === 91) brackets++;
  }
  let booleans = 0;
  for (let i = jenkinsfile.indexOf('true'); i !== -1; i = jenkinsfile.indexOf('true', i + 4)) booleans++;
  for (let i = jenkinsfile.indexOf('false'); i !== -1; i = jenkinsfile.indexOf('false', i + 5)) booleans++;
  const calls = parens + braces + quotes + brackets + digits + booleans;
  return WEIGHTS.closure * braces + WEIGHTS.call * calls + WEIGHTS.string * Math.floor(quotes / 2) + WEIGHTS.key * colons + WEIGHTS.list * brackets;
}

/** The refusal gen prints for a Jenkinsfile over the budget, or null when it fits. */
export function sizeProblem(jenkinsfile: string, facts: { environments: number; customStages: number }): string | null {
  if (sizeBound(jenkinsfile) <= SIZE_BUDGET_BYTES) return null;
  const { bytes } = estimateSize(jenkinsfile);
  if (bytes <= SIZE_BUDGET_BYTES) return null;
  return (
    `the pipeline block would compile to about ${kilobytes(bytes)} of bytecode, over the ${kilobytes(SIZE_BUDGET_BYTES)} budget ` +
    `(Jenkins puts the block into one method, which fails over 64 KB); cut environments (${facts.environments}) or custom stages (${facts.customStages}), ` +
    'or split the pipeline into separate jobs'
  );
}
