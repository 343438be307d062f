// The one Handlebars environment, for the Jenkinsfile and vars/ alike: precompiled templates, both families' partials, and one helper set registered once.
import HandlebarsRuntime from 'handlebars/runtime.js';
import type HandlebarsTypes from 'handlebars';
import specs from '../../build/templates.js';
import renderJenkinsfileSpec, { bareNames, helpersUsed } from '../../build/jenkinsfile.js';
import { groovyLineComment, groovyScript, groovyString } from '../groovy/quote.js';
import { groovyValue } from './groovy-value.js';
import { jenkinsTimeout } from '../core/durations.js';
import { branchesRegex } from '../config/branch-regex.js';
import { isExpr, type Action, type Condition, type Value } from '../flow/types.js';
import { STEP_BY_NAME } from './steps.js';
import { SHARED_FACTS } from './facts.js';
import { HELPERS as HELPER_NAMES } from './helper-flags.js';
import { credentialBindings, helperLine, stepValues } from './helper-command.js';

// The runtime module ships no types of its own; it has the full module's API minus the compiler.
const Handlebars = HandlebarsRuntime as unknown as typeof HandlebarsTypes;

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

/** The step arguments' withEnv values each var rendered so far, by step: every one must be rendered, each once. */
let renderedValues: Map<string, Set<string>> | null = null;

/**
 * `{{helperCall 'health-check'}}`: the var's `node .pipewright/health-check.cjs …` line. `{{~helperCall 'values' 'url'}}`:
 * the withEnv entries of those step arguments, one a line (`indent=6`; `inline=true`: comma-separated), each line
 * begun with its newline so that `~` leaves no blank line when none is left; without names, every one not yet rendered,
 * in registry order: an argument added to the registry lands there.
 */
function helperCall(...args: unknown[]): string {
  const options = args.pop() as HandlebarsTypes.HelperOptions;
  const [what, ...names] = args as string[];
  const step = STEP_BY_NAME.get((options.data.root as { name: string }).name);
  if (!step || !renderedValues) throw new Error('helperCall outside a step template');
  if (!renderedValues.has(step.name)) renderedValues.set(step.name, new Set());
  const done = renderedValues.get(step.name)!;
  if (what !== 'values') {
    if (!(HELPER_NAMES as readonly string[]).includes(what!)) throw new Error(`${step.name}: helperCall of "${what}", which is no helper`);
    return helperLine(step, what!);
  }
  const values = stepValues(step);
  const chosen = names.length ? names : [...values.keys()].filter((n) => !done.has(n));
  for (const n of chosen) {
    if (!values.has(n) || done.has(n)) throw new Error(`${step.name}: helperCall 'values' '${n}': no such value, or rendered twice`);
    done.add(n);
  }
  const hash = options.hash as { indent?: number; inline?: boolean };
  if (hash.inline) return chosen.map((n) => values.get(n)!).join(', ');
  return hold(chosen.map((n) => `\n${' '.repeat(hash.indent ?? 4)}${values.get(n)!},`).join(''));
}

/** After a render: every step argument a var's helpers take has its withEnv value. */
function checkValues(): void {
  for (const [name, done] of renderedValues!) {
    const missing = [...stepValues(STEP_BY_NAME.get(name)!).keys()].filter((n) => !done.has(n));
    if (missing.length)
      throw new Error(`templates/vars/${name}.groovy.hbs sets no withEnv value for ${missing.join(', ')}; add {{~helperCall 'values'}} to its list`);
  }
}

export type HelperMap = Record<string, HandlebarsTypes.HelperDelegate>;

/** Each step's argument names, as a set: gen checks every call of every config against them. */
const ARGUMENT_NAMES = new Map<string, Set<string>>();

/** A library step call, checked against the registry: unknown steps and arguments, and missing required ones, are bugs. */
export function renderStepCall(step: string, args: Record<string, Value>): string {
  const entry = STEP_BY_NAME.get(step);
  if (!entry) throw new Error(`the generator calls "${step}", which the step registry does not have`);
  let names = ARGUMENT_NAMES.get(step);
  if (!names) ARGUMENT_NAMES.set(step, (names = new Set(entry.arguments.map((a) => a.name))));
  for (const name of Object.keys(args)) {
    if (!names.has(name)) throw new Error(`the generator passes "${name}" to ${step}, which the registry does not list`);
  }
  for (const a of entry.arguments) {
    if (!a.required || a.name in args) continue;
    // An argument the facts hold may be left out (facts.ts' factorEnvironmentFacts put it there): an environment's own
    // facts when the call names its environment, the shared ones always.
    const fact = entry.facts?.[a.name];
    const fromFacts = fact !== undefined && (SHARED_FACTS.has(fact) || typeof args.environment === 'string' || isExpr(args.environment));
    if (!fromFacts) throw new Error(`the generator leaves out ${step}'s required argument "${a.name}"`);
  }
  return hold(`${step}(${namedArguments(args)})`);
}

function renderJenkinsCall(step: string, args: Record<string, Value>): string {
  return hold(`${step}(${namedArguments(args)})`);
}

/**
 * `name: value, …` of a call's arguments, each value a Groovy literal. A loop over the names rather than entries
 * mapped through a destructuring callback: every step's arguments have their own shape, and the callback's optimised
 * code was thrown away and compiled again as new shapes came (docs/benchmarks.md, stop 30).
 */
function namedArguments(args: Record<string, Value>): string {
  let out = '';
  for (const name of Object.keys(args)) out += `${out === '' ? '' : ', '}${name}: ${groovyValue(args[name]!)}`;
  return out;
}

const LINE_ACTIONS = new Set<Action['kind']>(['sh', 'step', 'jenkins', 'statement']);
const lineAction = (action: Action) => LINE_ACTIONS.has(action.kind);

/** A stage that holds an agent of its own (the Build group's, or a deploy's). */
const hasAgent = (agent: string | undefined) => agent === 'build' || agent === 'deploy';

/**
 * A stage's when that templates/partials/when.hbs writes on one line: no before-flag (each is a line of its own) and
 * one condition that condition-line.hbs writes: a branch, several as one regex, a rollback choice, or "not a normal build".
 */
function whenLine(
  stage: { when: Condition; lock?: unknown; timeout?: unknown; agent?: string; input?: unknown },
  options: HandlebarsTypes.HelperOptions,
): boolean {
  const c = stage.when;
  if (stage.lock || stage.timeout || hasAgent(stage.agent) || stage.input) return false;
  if (c.param || c.anyOf) return false;
  const parts = [c.branches, c.rollback, c.rollbackIn, c.not].filter((p) => p !== null);
  if (parts.length !== 1) return false;
  if (c.branches) return c.branches.length === 1 || branchesRegex(c.branches) !== null;
  const noRollback = (options.data.root as { noRollback: string }).noRollback;
  return !c.not || (c.not.rollback === noRollback && Object.values({ ...c.not, rollback: null }).every((v) => v === null));
}

/** The one Handlebars environment, for the Jenkinsfile and vars/ alike, built on first use. */
let environment: typeof HandlebarsTypes | null = null;

/** The one helper set, for every template; none quotes by itself: user data goes through src/groovy/quote.ts. */
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
  // The Jenkinsfile's step calls, Jenkins step calls, environment lists, durations and conditions.
  call: (action: Extract<Action, { kind: 'step' }>) => renderStepCall(action.step, action.args),
  jenkinsCall: (action: Extract<Action, { kind: 'jenkins' }>) => renderJenkinsCall(action.step, action.args),
  envList: (variables: Array<{ name: string; value: string }>) => hold(groovyValue(variables.map((v) => `${v.name}=${v.value}`))),
  duration: jenkinsTimeout,
  hasAgent,
  // Several branch patterns as the one regex Jenkins' REGEXP comparator matches as their globs' anyOf, and the globs
  // as a reader knows them, for a comment after it.
  branchesRegex,
  branchesComment: (globs: string[]) => groovyLineComment(`${globs.slice(0, -1).join(', ')} or ${globs.at(-1)!}`),
  // An action without a body (templates/partials/action-line.hbs), and a list of one such that is one line of Groovy.
  lineAction,
  inline: (actions: Action[]) => actions.length === 1 && lineAction(actions[0]!) && !JSON.stringify(actions[0]).includes('\\n'),
  whenLine,
  // An anyOf alternative templates/partials/condition-line.hbs writes whole on one line.
  oneLine: (c: Condition) => !c.param && !c.anyOf && !c.not && (c.branches?.length ?? 0) <= 1,
  // A var's helper runs, rendered from the registry and src/gen/helper-calls.ts, and the credentials they bind.
  helperCall,
  credentials: (options: HandlebarsTypes.HelperOptions) => credentialBindings(STEP_BY_NAME.get((options.data.root as { name: string }).name)!, groovyValue),
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

/** Runs a render with the multi-line literals held back, then puts them in. */
function withHeldLiterals(render: () => string): string {
  heldLiterals = [];
  renderedValues = new Map();
  try {
    const text = render();
    checkValues();
    const literals = heldLiterals;
    return literals.length ? text.replace(PLACEHOLDER, (_: string, i: string) => literals[Number(i)]!) : text;
  } finally {
    heldLiterals = null;
    renderedValues = null;
  }
}

/** Renders templates/<name>.hbs with `context`, through the Handlebars runtime. */
export function renderTemplate(name: string, context: object): string {
  environment ??= createEnvironment();
  const spec = specs[name];
  if (!spec) throw new Error(`no template "${name}" in build/templates.js; run the build`);
  const template = environment.template(spec);
  return withHeldLiterals(() => template(context));
}

let jenkinsfileChecked = false;

/**
 * Renders templates/Jenkinsfile.hbs with `context` through build/jenkinsfile.js, the templates compiled to one plain
 * function at build time (scripts/compile-templates.mjs): the same text as renderTemplate('Jenkinsfile', context), at a
 * fraction of the cost, which gen pays once per config. The first call checks that every helper the templates call is
 * one, and that no bare `{{name}}` they read is one (Handlebars would call it; the compiled function reads the value).
 */
export function renderJenkinsfileTemplate(context: object): string {
  if (!jenkinsfileChecked) {
    const missing = helpersUsed.filter((h) => !Object.hasOwn(HELPERS, h));
    const shadowed = bareNames.filter((n) => Object.hasOwn(HELPERS, n));
    if (missing.length || shadowed.length)
      throw new Error(`build/jenkinsfile.js: no helper ${missing.join(', ')}; {{name}} of a helper: ${shadowed.join(', ')}`);
    jenkinsfileChecked = true;
  }
  return withHeldLiterals(() => renderJenkinsfileSpec(context, HELPERS));
}
