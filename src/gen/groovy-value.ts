// Groovy source for a flow value (strings, numbers, lists, maps, generator expressions): kept apart from the Handlebars
// environment (render.ts) so that lint, which merges rollback stages to name them, loads no template runtime.
import { groovyNumber, groovyString } from '../groovy/quote.js';
import { isExpr, type Value } from '../flow/types.js';

/** Groovy keywords: never written as bare map keys. */
const GROOVY_KEYWORDS = new Set(
  (
    'as assert break case catch class const continue def default do else enum extends false finally for goto if implements import in ' +
    'instanceof interface new null package return super switch this throw throws trait true try while'
  ).split(' '),
);

/** Map keys are written bare when they are plain identifiers, quoted otherwise (user data such as build-arg names). */
function groovyKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !GROOVY_KEYWORDS.has(key) ? key : groovyString(key);
}

/** Groovy source for a value: strings single-quoted, lists and maps as literals, generator expressions as written. */
export function groovyValue(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return groovyString(value);
  if (typeof value === 'number') return groovyNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(groovyValue).join(', ')}]`;
  if (isExpr(value)) return value.expr;
  const entries = Object.entries(value);
  return entries.length ? `[${entries.map(([k, v]) => `${groovyKey(k)}: ${groovyValue(v)}`).join(', ')}]` : '[:]';
}
