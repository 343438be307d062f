// The Handlebars runtime for generated Groovy: precompiled templates, partials, and the quoting helpers registered once.
import HandlebarsRuntime from 'handlebars/runtime.js';
import type HandlebarsTypes from 'handlebars';
import specs from '../../build/templates.js';
import { groovyNumber, groovyScript, groovyString } from '../groovy/quote.js';
import { isExpr, type Value } from './flow.js';

// The runtime module ships no types of its own; it has the full module's API minus the compiler.
const Handlebars = HandlebarsRuntime as unknown as typeof HandlebarsTypes;

/** Groovy keywords: never written as bare map keys. */
const GROOVY_KEYWORDS = new Set(
  ('as assert break case catch class const continue def default do else enum extends false finally for goto if implements import in ' +
    'instanceof interface new null package return super switch this throw throws trait true try while').split(' '),
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

/**
 * Multi-line literals are held back as placeholders while the templates render, so Handlebars' partial
 * indentation never touches their content; NUL cannot occur in rendered text (the quoting escapes it).
 */
let heldLiterals: string[] | null = null;
const PLACEHOLDER = /\u0000(\d+)\u0000/g;

function hold(literal: string): string {
  if (!literal.includes('\n')) return literal;
  if (!heldLiterals) throw new Error('a multi-line literal outside a render');
  heldLiterals.push(literal);
  return `\u0000${heldLiterals.length - 1}\u0000`;
}

export type HelperMap = Record<string, (...args: any[]) => unknown>;

/** The one Handlebars environment, for the Jenkinsfile and vars/ alike, built on first use. */
let environment: typeof HandlebarsTypes | null = null;

/** The helpers every template may use; Jenkinsfile-only ones (step calls, bindings) are added by src/gen/jenkinsfile.ts. */
const HELPERS: HelperMap = {
  groovy: (value: string) => groovyString(value),
  groovyScript: (value: string) => hold(groovyScript(value)),
  value: (value: Value) => hold(groovyValue(value)),
  is: (a: unknown, b: unknown) => a === b,
  gt: (a: number, b: number) => a > b,
  or: (a: unknown, b: unknown) => Boolean(a) || Boolean(b),
  first: (list: unknown[]) => list[0],
  includes: (list: unknown[], item: unknown) => Array.isArray(list) && list.includes(item),
  // `(join list)` joins with ',' (a Groovy list the Jenkinsfile hands to a step), `{{join list ', '}}` with what it is
  // given; the last argument is always Handlebars' options object, never a separator.
  join: (list: string[], ...rest: unknown[]) => list.join(rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : ','),
  concat: (...parts: unknown[]) => parts.slice(0, -1).join(''),
};

/** Partials by family: templates/partials/ for the Jenkinsfile, templates/vars/partials/ for the library. */
const PARTIAL_FOLDERS = ['partials/', 'vars/partials/'];

/** Registers every partial under its file name; two families using one name would shadow each other, so that throws. */
export function partialNames(keys: string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const key of keys) {
    const folder = PARTIAL_FOLDERS.find((f) => key.startsWith(f) && !key.slice(f.length).includes('/'));
    if (!folder) continue;
    const name = key.slice(folder.length);
    if (names.has(name)) throw new Error(`templates/${names.get(name)}.hbs and templates/${key}.hbs are both the partial "${name}"; rename one`);
    names.set(name, key);
  }
  return names;
}

function createEnvironment(): typeof HandlebarsTypes {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn as HandlebarsTypes.HelperDelegate);
  for (const [name, key] of partialNames(Object.keys(specs))) hb.registerPartial(name, hb.template(specs[key]!));
  return hb;
}

/** Adds helpers for a family of templates (each name once); they may return multi-line Groovy through `holdLiteral`. */
export function registerHelpers(helpers: HelperMap): void {
  environment ??= createEnvironment();
  for (const [name, fn] of Object.entries(helpers)) {
    if (!(name in environment.helpers)) environment.registerHelper(name, fn as HandlebarsTypes.HelperDelegate);
  }
}

export const holdLiteral = hold;

/** Renders templates/<name>.hbs with `context`. */
export function renderTemplate(name: string, context: object): string {
  environment ??= createEnvironment();
  const spec = specs[name];
  if (!spec) throw new Error(`no template "${name}" in build/templates.js; run the build`);
  const template = environment.template(spec);
  heldLiterals = [];
  try {
    const text = template(context);
    const literals = heldLiterals;
    return text.replace(PLACEHOLDER, (_: string, i: string) => literals[Number(i)]!);
  } finally {
    heldLiterals = null;
  }
}
