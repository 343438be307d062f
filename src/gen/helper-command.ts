// Renders a var's helper runs from the step registry and src/gen/helper-calls.ts: each `node .pipewright/<helper>.cjs …` line, the withEnv values of the step's arguments and its credential bindings.
import { HELPER_CALLS, type ArgumentPart, type CallPart, type ExtraPart, type FlagForm, type HelperCall } from './helper-calls.js';
import type { HelperFlag } from './helper-flags.js';
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

/**
 * The step's helper runs with every part resolved. A flagged argument no line places joins the line of the step's only
 * helper, before its trailing fixed flags; with several helpers, where it goes is for helper-calls.ts to say.
 */
export function resolveCalls(step: LibraryStep, calls: HelperCall[] = HELPER_CALLS[step.name] ?? []): Array<{ helper: string; parts: Resolved[] }> {
  const named = (p: CallPart): ArgumentPart | ExtraPart => (typeof p === 'string' ? { arg: p } : p);
  const resolved = calls.map((c) => ({
    helper: c.helper,
    parts: c.line.map(named).map((p): Resolved => (isExtra(p) ? { extra: p } : p.shell ? { shell: p.shell } : { placed: place(step, p) })),
  }));
  for (const c of calls)
    if (!step.helpers.includes(c.helper)) throw new Error(`src/gen/helper-calls.ts: ${step.name} runs ${c.helper}, which the registry does not list`);
  const placedNames = new Set(
    calls.flatMap((c) =>
      c.line
        .map(named)
        .filter((p): p is ArgumentPart => !isExtra(p))
        .map((p) => p.arg),
    ),
  );
  const unplaced = step.arguments.filter((a) => a.flag !== null && !placedNames.has(a.name));
  if (unplaced.length && resolved.length !== 1) {
    throw new Error(`src/gen/helper-calls.ts: ${step.name} has ${resolved.length} helper runs; say which runs take ${unplaced.map((a) => a.name).join(', ')}`);
  }
  if (unplaced.length) {
    const parts = resolved[0]!.parts;
    let at = parts.length;
    while (at > 0 && 'extra' in parts[at - 1]! && 'fixed' in (parts[at - 1] as { extra: ExtraPart }).extra) at--;
    parts.splice(at, 0, ...unplaced.map((a): Resolved => ({ placed: place(step, { arg: a.name }) })));
  }
  return resolved;
}

function flagText(flag: HelperFlag, env: string, form: FlagForm): string {
  if (form === 'value') return `${flag} "$${env}"`;
  return form === 'switch' ? `\${${env}:+${flag}}` : `\${${env}:+${flag} "$${env}"}`;
}

/** The line that runs `helper` in the step's sh script; the result file always ends it. */
export function helperLine(step: LibraryStep, helper: string): string {
  const runs = resolveCalls(step).filter((c) => c.helper === helper);
  if (runs.length !== 1) throw new Error(`${step.name}'s template runs ${helper}, which src/gen/helper-calls.ts describes ${runs.length} times`);
  const words = runs[0]!.parts.map((p) => {
    if ('shell' in p) return p.shell;
    if ('placed' in p) return p.placed.part.shell ?? flagText(p.placed.argument.flag, p.placed.env, p.placed.form);
    return 'fixed' in p.extra ? `${p.extra.flag} ${p.extra.fixed}` : flagText(p.extra.flag, p.extra.env, p.extra.form);
  });
  return [`node .pipewright/${helper}.cjs`, ...words, `--result .pipewright/${helper}-result.json`].join(' ');
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
