// Renders a var's helper runs from the step registry and src/gen/helper-calls.ts: each `node .pipewright/<helper>.cjs …` line, the withEnv values of the step's arguments and its credential bindings.
import { HELPER_CALLS, type ArgumentPart, type CallPart, type ExtraPart, type FlagForm, type HelperCall } from './helper-calls.js';
import { commonFlag, type HelperFlag } from './helper-flags.js';
import type { LibraryStep, StepArgument } from './step-types.js';
import type { Value } from '../flow/types.js';

/** The Jenkinsfile's own environment holds PW_APP and PW_IMAGE (the pipeline's), so a step's values take other names. */
const ENV_NAMES: Readonly<Record<string, string>> = { app: 'PW_APP_NAME', image: 'PW_IMAGE_NAME' };

/** A step argument on a command line, resolved against the registry. */
interface Placed {
  argument: StepArgument & { flag: HelperFlag };
  part: ArgumentPart;
  env: string;
  form: FlagForm;
}

type Resolved = { placed: Placed } | { extra: ExtraPart } | { shell: string };

const isExtra = (part: ArgumentPart | ExtraPart): part is ExtraPart => 'flag' in part;

function isEmpty(value: unknown): boolean {
  if (value === '' || (Array.isArray(value) && value.length === 0)) return true;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** Lists of strings go comma-separated; lists of maps and maps go through a JSON file the var writes. */
const needsFile = (a: StepArgument): boolean => a.type === 'list<map>' || a.type.startsWith('map');

function place(step: LibraryStep, part: ArgumentPart): Placed {
  const argument = step.arguments.find((a) => a.name === part.arg);
  if (!argument) throw new Error(`src/gen/helper-calls.ts: ${step.name} passes "${part.arg}", which the registry does not list`);
  if (argument.flag === null) throw new Error(`src/gen/helper-calls.ts: ${step.name} passes "${part.arg}", which has no flag in the registry`);
  if (needsFile(argument) && !part.file && !part.computed) {
    throw new Error(`src/gen/helper-calls.ts: ${step.name}'s "${part.arg}" is a ${argument.type}: name the JSON file the var writes it to (file)`);
  }
  const env = part.env ?? ENV_NAMES[part.arg] ?? `PW_${part.arg.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
  // A boolean is set to 'true' or ''; a value that may be empty (no default, an empty one, a file not written) is left out then.
  const always = argument.required || (argument.default !== undefined && !isEmpty(argument.default));
  const form: FlagForm = argument.type === 'boolean' ? 'switch' : always && !part.file ? 'value' : 'optional';
  return { argument: argument as Placed['argument'], part, env, form };
}

/** A line's parts as written: an argument by name, with its details, or an extra flag. */
const partOf = (p: CallPart): ArgumentPart | ExtraPart => (typeof p === 'string' ? { arg: p } : p);

/**
 * The step's helper runs with every part resolved. Each helper's line takes exactly the arguments routed to it (the
 * registry flag's `to`): in the order the line names them, then those it does not name, in registry order, before its
 * trailing fixed flags. What types cannot see throws: a route to a helper the step does not run, a line that names an
 * argument not routed to its helper or an extra flag of another helper, a helper run twice or not described.
 */
export function resolveCalls(step: LibraryStep, calls: HelperCall[] = HELPER_CALLS[step.name] ?? []): Array<{ helper: string; parts: Resolved[] }> {
  const where = `src/gen/helper-calls.ts: ${step.name}`;
  const ran = calls.map((c) => c.helper);
  for (const h of ran) if (!step.helpers.includes(h)) throw new Error(`${where} runs ${h}, which the registry does not list`);
  for (const h of step.helpers) if (ran.filter((r) => r === h).length !== 1) throw new Error(`${where} must run ${h} once (the registry lists it)`);
  for (const a of step.arguments) {
    const stray = a.to.filter((h) => !step.helpers.includes(h));
    if (stray.length) throw new Error(`src/gen/steps.ts: ${step.name}.${a.name} is routed to ${stray.join(', ')}, which the step does not run`);
    if ((a.flag === null) !== (a.to.length === 0))
      throw new Error(`src/gen/steps.ts: ${step.name}.${a.name} has a flag without a helper, or helpers without a flag`);
  }
  return calls.map((c) => {
    const parts = c.line.map(partOf).map((p): Resolved => {
      if (isExtra(p)) {
        if (p.helper !== c.helper) throw new Error(`${where} passes ${p.flag} of ${p.helper} to ${c.helper}`);
        return { extra: p };
      }
      const placed = place(step, p);
      if (!placed.argument.to.includes(c.helper)) throw new Error(`${where} passes "${p.arg}" to ${c.helper}, which its registry flag does not route there`);
      return p.shell ? { shell: p.shell } : { placed };
    });
    const named = new Set(c.line.map(partOf).flatMap((p) => (isExtra(p) ? [] : [p.arg])));
    const unnamed = step.arguments.filter((a) => a.to.includes(c.helper) && !named.has(a.name));
    let at = parts.length;
    while (at > 0 && 'extra' in parts[at - 1]! && 'fixed' in (parts[at - 1] as { extra: ExtraPart }).extra) at--;
    parts.splice(at, 0, ...unnamed.map((a): Resolved => ({ placed: place(step, { arg: a.name }) })));
    return { helper: c.helper, parts };
  });
}

function flagText(flag: HelperFlag, env: string, form: FlagForm): string {
  if (form === 'value') return `${flag} "$${env}"`;
  return form === 'switch' ? `\${${env}:+${flag}}` : `\${${env}:+${flag} "$${env}"}`;
}

const RESULT = commonFlag('result');

/** The line that runs `helper` in the step's sh script; the result file always ends it. */
export function helperLine(step: LibraryStep, helper: string): string {
  const runs = resolveCalls(step).filter((c) => c.helper === helper);
  if (runs.length !== 1) throw new Error(`${step.name}'s template runs ${helper}, which src/gen/helper-calls.ts describes ${runs.length} times`);
  const words = runs[0]!.parts.map((p) => {
    if ('shell' in p) return p.shell;
    if ('placed' in p) return p.placed.part.shell ?? flagText(p.placed.argument.flag, p.placed.env, p.placed.form);
    return 'fixed' in p.extra ? `${p.extra.flag} ${p.extra.fixed}` : flagText(p.extra.flag, p.extra.env, p.extra.form);
  });
  return [`node .pipewright/${helper}.cjs`, ...words, `${RESULT} .pipewright/${helper}-result.json`].join(' ');
}

/**
 * Every helper command in a rendered var must be one `helperCall` wrote (so its flags are the types' and the routes'):
 * a `node .pipewright/<helper>.cjs …` line written by hand in a template stops the library from generating.
 */
export function checkHelperLines(step: LibraryStep | null, name: string, text: string): void {
  const written = new Set(step ? step.helpers.map((h) => helperLine(step, h)) : []);
  for (const m of text.matchAll(/node\s+\S*\.pipewright\/[a-z0-9-]+\.cjs\b[^\n']*/g)) {
    if (!written.has(m[0]))
      throw new Error(`templates/vars/${name}.groovy.hbs runs a helper by a line of its own (${m[0].slice(0, 50)}…): write {{helperCall '<helper>'}}`);
  }
}

/** The step's arguments whose variables the registry sets (in registry order, each once): the var computes the others. */
export function stepValues(step: LibraryStep): Map<string, string> {
  const placed = new Map<string, Placed>();
  for (const c of resolveCalls(step)) for (const p of c.parts) if ('placed' in p && !p.placed.part.computed) placed.set(p.placed.argument.name, p.placed);
  const values = new Map<string, string>();
  for (const a of step.arguments) {
    const p = placed.get(a.name);
    if (!p) continue;
    const config = `config.${a.name}`;
    const set = a.required || a.default !== undefined;
    let value: string;
    if (p.form === 'switch') value = `${config} ? 'true' : ''`;
    else if (p.part.file) value = `${config} ? '${p.part.file}' : ''`;
    else if (a.type === 'list<string>') value = set ? `${config}.join(',')` : `(${config} ?: []).join(',')`;
    else value = set ? config : `${config} ?: ''`;
    values.set(a.name, `"${p.env}=\${${value}}"`);
  }
  return values;
}

/**
 * The step's credential bindings for pwInternal.inNodeContainer, rendered from the registry's `credentials`: `[]` for a
 * step that binds none, else a pwInternal.credentialBindings call that makes each binding whose ID argument is set.
 */
export function credentialBindings(step: LibraryStep, groovyValue: (value: Value) => string): string {
  if (step.credentials.length === 0) return '[]';
  const wanted = step.credentials.map((c) => ({ binding: c.binding, argument: c.argument, variables: c.variables, ...(c.match ? { match: c.match } : {}) }));
  return `pwInternal.credentialBindings(config, ${groovyValue(wanted)})`;
}
