// Jenkins' `when { branch }` match, shared by the generator's flow, plan and the lint rules: one reading of a branch pattern.
//
// Jenkins: BranchConditional.branchMatches uses Comparator.GLOB by default, whose compare(pattern, actual) calls
// Ant's SelectorUtils.matchPath(pattern, actual, false), case-insensitive (jenkinsci/pipeline-model-definition-plugin,
// pipeline-model-definition/src/main/java/org/jenkinsci/plugins/pipeline/modeldefinition/when/utils/Comparator.java
// and .../when/impl/BranchConditional.java). Ant (apache/ant, src/main/org/apache/tools/ant/types/selectors/
// SelectorUtils.java): matchPath splits both on "/" dropping empty parts (tokenizePathAsArray); a part that is exactly
// "**" matches zero or more parts; any other part is matched by match(): "*" any run of characters within the part
// (so "release**" is "release*"), "?" one character, other characters compared by Character.toUpperCase when case
// sensitivity is off, as JavaScript's /i flag (without /u) canonicalises them.

const DEEP = '**';

const split = (path: string): string[] => path.split('/').filter((p) => p !== '');

/** Ant's tokenizePathAsArray on Linux: an absolute path keeps its root (FileUtils.dissect) as the first part. */
function parts(path: string): string[] {
  if (!path.startsWith('/')) return split(path);
  let rest = path.replace(/\\/g, '/');
  let root = '/';
  if (rest.length > 1 && rest[1] === '/') {
    // dissect's "UNC drive": the root runs to the separator after the next one.
    const next = rest.indexOf('/', rest.indexOf('/', 2) + 1);
    root = next > 2 ? rest.slice(0, next + 1) : rest;
  }
  rest = rest.slice(root.length);
  return [root, ...split(rest)];
}

/** One part of a pattern (never "**") as a regular expression: Ant's match(pattern, str, false). */
const partRegex = new Map<string, RegExp>();
function partMatches(pattern: string, part: string): boolean {
  let re = partRegex.get(pattern);
  if (!re) {
    const source = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\-]/g, '\\$&'))).join('');
    re = new RegExp(`^${source}$`, 'is');
    partRegex.set(pattern, re);
  }
  return re.test(part);
}

/** True when Jenkins' `when { branch pattern }` runs on `branch`. */
export function branchMatches(pattern: string, branch: string): boolean {
  const pat = parts(pattern);
  const str = parts(branch);
  const memo = new Map<number, boolean>();
  const from = (i: number, j: number): boolean => {
    const key = i * (str.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === pat.length) result = j === str.length;
    else if (pat[i] === DEEP) result = from(i + 1, j) || (j < str.length && from(i, j + 1));
    else result = j < str.length && partMatches(pat[i]!, str[j]!) && from(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return from(0, 0);
}

/** Two characters Ant takes as equal with case sensitivity off (`a` is neither "*" nor "?"). */
const sameLetter = (a: string, b: string): boolean => a === b || partMatches(a, b);

/** A non-empty string both parts (neither "**") match, or null: the witness of their intersection. */
function commonPart(a: string, b: string): string | null {
  const memo = new Map<string, string | null>();
  const from = (p: number, q: number, some: boolean): string | null => {
    const key = `${p},${q},${some}`;
    if (memo.has(key)) return memo.get(key)!;
    memo.set(key, null); // a state in progress is a dead end, so loops end
    const tries: Array<() => string | null> = [];
    const then = (ch: string, np: number, nq: number) => () => {
      const rest = from(np, nq, true);
      return rest === null ? null : ch + rest;
    };
    const pa = a[p];
    const qb = b[q];
    if (pa === undefined && qb === undefined) tries.push(() => (some ? '' : null));
    // A star matching nothing is tried first, so the witness is the shortest readable one ("PR-x", not "PR--x").
    else if (pa === '*' && qb === '*')
      tries.push(
        () => from(p + 1, q, some),
        () => from(p, q + 1, some),
        then('x', p + 1, q + 1),
      );
    else if (pa === '*') {
      tries.push(() => from(p + 1, q, some));
      if (qb !== undefined) tries.push(then(qb === '?' ? 'x' : qb, p, q + 1));
    } else if (qb === '*') {
      tries.push(() => from(p, q + 1, some));
      if (pa !== undefined) tries.push(then(pa === '?' ? 'x' : pa, p + 1, q));
    } else if (pa !== undefined && qb !== undefined) {
      if (pa === '?' || qb === '?' || sameLetter(pa, qb)) tries.push(then(pa === '?' ? (qb === '?' ? 'x' : qb) : pa, p + 1, q + 1));
    }
    let found: string | null = null;
    for (const t of tries) if ((found = t()) !== null) break;
    memo.set(key, found);
    return found;
  };
  return from(0, 0, false);
}

/**
 * A branch name (not starting with "/") both patterns match, as Jenkins matches them, or null when no branch can match both. Built part by
 * part, so it is an example to show a person, and a test can check it with branchMatches.
 */
export function commonBranch(a: string, b: string): string | null {
  // Git refuses a branch name that starts with "/", so an absolute pattern shares no branch with anything.
  if (a.startsWith('/') || b.startsWith('/')) return null;
  const pa = parts(a);
  const pb = parts(b);
  const memo = new Map<string, string[] | null>();
  const from = (i: number, j: number, some: boolean): string[] | null => {
    const key = `${i},${j},${some}`;
    if (memo.has(key)) return memo.get(key)!;
    memo.set(key, null);
    const tries: Array<() => string[] | null> = [];
    const then = (part: string | null, ni: number, nj: number) => () => {
      if (part === null) return null;
      const rest = from(ni, nj, true);
      return rest === null ? null : [part, ...rest];
    };
    const x = pa[i];
    const y = pb[j];
    if (x === undefined && y === undefined) tries.push(() => (some ? [] : null));
    else if (x === DEEP && y === DEEP)
      tries.push(
        () => from(i + 1, j, some),
        () => from(i, j + 1, some),
        then('x', i + 1, j + 1),
      );
    else if (x === DEEP) {
      tries.push(() => from(i + 1, j, some));
      if (y !== undefined) tries.push(then(commonPart('*', y), i, j + 1));
    } else if (y === DEEP) {
      tries.push(() => from(i, j + 1, some));
      if (x !== undefined) tries.push(then(commonPart(x, '*'), i + 1, j));
    } else if (x !== undefined && y !== undefined) tries.push(then(commonPart(x, y), i + 1, j + 1));
    let found: string[] | null = null;
    for (const t of tries) if ((found = t()) !== null) break;
    memo.set(key, found);
    return found;
  };
  const witness = from(0, 0, false)?.join('/') ?? null;
  // "release/2." and "PR-" are odd names for a person to read: end on a letter when both patterns allow it.
  if (witness !== null && /[^A-Za-z0-9]$/.test(witness) && branchMatches(a, `${witness}x`) && branchMatches(b, `${witness}x`)) return `${witness}x`;
  return witness;
}
