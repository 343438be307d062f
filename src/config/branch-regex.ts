// Several `when { branch }` globs as one java.util.regex, so a stage run on any of them is one `branch pattern: …, comparator: 'REGEXP'` line.
//
// Jenkins (jenkinsci/pipeline-model-definition-plugin, pipeline-model-definition/src/main/java/org/jenkinsci/plugins/
// pipeline/modeldefinition/when/utils/Comparator.java and .../when/impl/BranchConditional.java): `branch 'x'` uses
// Comparator.GLOB, Ant's SelectorUtils.matchPath(pattern, BRANCH_NAME, false) (read in src/config/branch-pattern.ts:
// parts split on "/" with empty ones dropped, a part that is exactly "**" any number of parts, in a part "*" any run of
// characters and "?" one, characters compared by Character.toUpperCase); REGEXP is BRANCH_NAME.matches(pattern), a
// full match, case-sensitive unless the pattern says otherwise; an empty branch name matches neither.
//
// The translation: "(?i)" (ASCII case folding, Java's default without UNICODE_CASE) for Ant's toUpperCase, plus the
// two non-ASCII characters whose upper case is an ASCII letter, dotless ı (U+0131, "I") and long ſ (U+017F, "S"): so
// `i` is written [iı] and `s` [sſ]; a part's "*" is [^/]* and "?" [^/] (a part never holds "/"; [^/] also takes the
// line terminators `.` would not); a "**" part is a run of whole parts; every other character is itself, escaped
// when java.util.regex gives it a meaning. It matches exactly the names Ant does among branch names Git allows (no
// empty part: no leading, trailing or doubled "/") in the Basic Multilingual Plane (Ant's "?" takes one UTF-16 unit,
// a regex's one code point); test/config/branch-regex.test.ts checks it against Ant in a real JVM.

const DEEP = '**';

/** Characters java.util.regex reads as syntax outside a class; `.` is written [.], which reads better in Groovy than \\. */
const SYNTAX = new Set([...'\\^$|?*+()[]{}']);

/** One character of a part (not "*" or "?") as the regex that matches what Ant's case-insensitive compare does. */
function literal(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code > 0x7f) throw new Error(`branch pattern character ${JSON.stringify(ch)} is not ASCII: the regex translation is exact for ASCII patterns only`);
  if (ch === 'i' || ch === 'I') return `[${ch}ı]`;
  if (ch === 's' || ch === 'S') return `[${ch}ſ]`;
  if (ch === '.') return '[.]';
  return SYNTAX.has(ch) ? `\\${ch}` : ch;
}

/** One part (never "**"): Ant's match(pattern, part, false). */
function partRegex(part: string): string {
  // Ant treats a run of stars within a part as one star ("release**" is "release*").
  return part
    .replace(/\*+/g, '*')
    .split('')
    .map((ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : literal(ch)))
    .join('');
}

/** One glob as a regex (without flags): what matchPath(glob, name, false) accepts among the names Git allows. */
export function globRegex(glob: string): string {
  const absolute = glob.startsWith('/');
  // Consecutive "**" parts mean what one does.
  const parts = glob
    .split('/')
    .filter((p) => p !== '')
    .filter((p, i, all) => p !== DEEP || all[i - 1] !== DEEP);
  let out = absolute ? '/' : '';
  let separator = false; // whether the next plain part needs a "/" before it
  parts.forEach((part, i) => {
    const first = i === 0;
    const last = i === parts.length - 1;
    if (part !== DEEP) {
      out += (separator ? '/' : '') + partRegex(part);
      separator = true;
    } else if (first && last) out += '[^/]+(?:/[^/]+)*';
    else if (first) out += '(?:[^/]+/)*';
    else if (last) out += '(?:/[^/]+)*';
    else {
      out += '/(?:[^/]+/)*';
      separator = false;
    }
  });
  return out;
}

/**
 * Globs the translation is proven exact for (test/config/branch-regex.test.ts) and a comment can name: printable ASCII
 * without a backslash. The schema's branch patterns are a subset; anything else (a config that skipped the schema)
 * keeps one `branch` condition per glob.
 */
const TRANSLATABLE = /^[\x20-\x5b\x5d-\x7e]+$/;

const cache = new Map<string, string | null>();

/**
 * The one REGEXP pattern that matches exactly the branch names any of `globs` matches as Jenkins' GLOB comparator:
 * "(?i)" when a letter occurs, the globs as alternatives of one non-capturing group; null when a glob is outside
 * what the translation covers.
 */
export function branchesRegex(globs: string[]): string | null {
  const key = globs.join('\n');
  let regex = cache.get(key);
  if (regex === undefined) {
    if (!globs.every((g) => TRANSLATABLE.test(g))) regex = null;
    else {
      const alternatives = globs.map(globRegex);
      const body = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
      regex = /[A-Za-z]/.test(globs.join('')) ? `(?i)${body}` : body;
    }
    cache.set(key, regex);
  }
  return regex;
}
