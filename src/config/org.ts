// Org defaults and policy: resolves `extends`, validates the org file, merges it under the repository's values, checks its locks.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import jsYaml from 'js-yaml';
import { lazyValidator } from './validators.js';
import type { Diagnostic, JsonPath } from '../core/diagnostic.js';
import { isMapping, valueAt, type Raw } from '../core/raw.js';
import { durationSeconds } from '../core/durations.js';
import type { Model } from './model.js';
import { locate } from './locate.js';
import { schemaDiagnostics } from './schema.js';
import { packagePath } from '../paths.js';
import { InputRefused, readBoundedText } from '../helpers/shared/bounded-read.js';
import { HelperFailure } from '../helpers/shared/cli.js';
import { resolveInside } from '../helpers/shared/inside-root.js';
import { yamlAliasProblem } from './yaml-parse.js';

export type LockKind = 'fixed' | 'minimum' | 'maximum' | 'includes' | 'required';

/** Locks that are policies over the whole config rather than one value. */
export const POLICY_LOCKS: Record<string, string> = {
  'production.approval': 'every production environment has an approval',
  'production.secretScanning': 'the Trivy scan looks for secrets when a production environment exists',
};

export interface OrgDefaults {
  /** As written in `extends`; names the org file in messages. */
  name: string;
  /** The resolved file. */
  file: string;
  /** The defaults, without `locks`. */
  values: Raw;
  locks: Record<string, LockKind>;
}

export interface OrgResolution {
  org: OrgDefaults | null;
  /** The org's values with the repository's on top (the repository's object itself when nothing is extended). */
  merged: Raw;
  /** JSON.stringify(path) of every leaf (scalar or list) -> the file it came from. */
  sources: Map<string, string>;
  diagnostics: Diagnostic[];
}

const PREFIX = 'pipewright:';

/** The file an `extends` value names: shipped with pipewright, or relative to the folder holding pipeline.yaml. */
export function resolveExtends(spec: string, configFile: string): string {
  return spec.startsWith(PREFIX) ? packagePath('org', `${spec.slice(PREFIX.length)}.yaml`) : resolve(dirname(configFile), spec);
}

/** The repository holding the config: the nearest folder above it with a `.git`, else the config's own folder. */
export function repositoryRoot(configFile: string): string {
  const start = dirname(resolve(configFile));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

const diagnostic = (file: string, text: string, ruleId: string, path: JsonPath, message: string, key = false): Diagnostic => ({
  ruleId,
  severity: 'error',
  message,
  file,
  path,
  ...locate(text, path, { key }),
});

/** Maps deep-merge; lists and scalars from `top` replace those in `under`. Records where each leaf came from. */
export function mergeUnder(under: unknown, top: unknown, labels: { under: string; top: string }, sources: Map<string, string>, path: JsonPath = []): unknown {
  if (isMapping(under) && isMapping(top)) {
    const out: Raw = {};
    for (const key of new Set([...Object.keys(top), ...Object.keys(under)])) {
      out[key] =
        key in top
          ? key in under
            ? mergeUnder(under[key], top[key], labels, sources, [...path, key])
            : record(top[key], labels.top, sources, [...path, key])
          : record(under[key], labels.under, sources, [...path, key]);
    }
    return out;
  }
  return record(top === undefined ? under : top, top === undefined ? labels.under : labels.top, sources, path);
}

function record(value: unknown, label: string, sources: Map<string, string>, path: JsonPath): unknown {
  if (isMapping(value)) for (const [k, v] of Object.entries(value)) record(v, label, sources, [...path, k]);
  else sources.set(JSON.stringify(path), label);
  return value;
}

/** Checks that each lock names a value the org file sets, of a type the lock kind can compare. */
function lockProblems(values: Raw, locks: Record<string, LockKind>): Array<{ key: string; message: string }> {
  const problems: Array<{ key: string; message: string }> = [];
  for (const [key, kind] of Object.entries(locks)) {
    const policy = key in POLICY_LOCKS;
    if (policy !== (kind === 'required')) {
      problems.push({
        key,
        message: policy
          ? `lock "${key}" takes "required"`
          : `"required" locks only ${Object.keys(POLICY_LOCKS)
              .map((k) => `"${k}"`)
              .join(' and ')}; use fixed, minimum, maximum or includes`,
      });
      continue;
    }
    if (policy) continue;
    const value = valueAt(values, key.split('.'));
    if (value === undefined) problems.push({ key, message: `lock "${key}" names a value this file does not set; add it, or remove the lock` });
    else if ((kind === 'minimum' || kind === 'maximum') && typeof value !== 'number' && !(typeof value === 'string' && !Number.isNaN(durationSeconds(value)))) {
      problems.push({ key, message: `lock "${key}" is a ${kind} but its value is not a number or a duration; use "fixed"` });
    } else if (kind === 'includes' && !Array.isArray(value))
      problems.push({ key, message: `lock "${key}" is "includes" but its value is not a list; use "fixed"` });
  }
  return problems;
}

/**
 * Reads the org file `extends` names and merges the repository's values over it. Diagnostics mean no merge happened.
 * An `extends` path must stay inside the repository (`../` within it is fine, links are resolved); `confine: false` is
 * for `lib --org`, where the platform engineer names the file. The file goes through the bounded reader (regular
 * files only, the org size cap) and the alias limits of pipeline.yaml.
 */
export function applyOrgDefaults(raw: Raw, configFile: string, configText: string, confine = true): OrgResolution {
  const sources = new Map<string, string>();
  const spec = raw.extends;
  if (typeof spec !== 'string') return { org: null, merged: raw, sources, diagnostics: [] };
  const fail = (d: Diagnostic): OrgResolution => ({ org: null, merged: raw, sources, diagnostics: [d] });
  let file = resolveExtends(spec, configFile);
  if (confine && !spec.startsWith(PREFIX)) {
    const root = repositoryRoot(configFile);
    try {
      file = resolveInside(root, relative(root, file)).path;
    } catch (error) {
      if (!(error instanceof HelperFailure)) throw error;
      return fail(
        diagnostic(
          configFile,
          configText,
          'org-defaults',
          ['extends'],
          `the org defaults "${spec}" are outside the repository ("${root}"); name a file inside it ("../" within it is fine) or "pipewright:default"`,
        ),
      );
    }
  }
  if (!existsSync(file)) {
    const known = spec.startsWith(PREFIX) ? '; pipewright ships "pipewright:default"' : '; the path is relative to the folder holding pipeline.yaml';
    return fail(diagnostic(configFile, configText, 'org-defaults', ['extends'], `cannot find the org defaults "${spec}"${known}`));
  }
  let text: string;
  try {
    text = readBoundedText(file, `the org defaults "${spec}"`, 'org');
  } catch (error) {
    if (!(error instanceof InputRefused)) throw error;
    // Unreadable input, like an unreadable pipeline.yaml: the CLI exits 2.
    return fail({
      ...diagnostic(configFile, configText, 'org-defaults', ['extends'], error.message),
      ruleId: error.reason === 'too-large' ? 'file-too-large' : 'unreadable',
    });
  }
  const known = checkedOrgs.get(file);
  if (known?.text === text) return merge(raw, spec, file, structuredClone(known.values), structuredClone(known.locks), configFile, sources);
  let orgRaw: unknown;
  try {
    orgRaw = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file });
  } catch (error) {
    const mark = (error as jsYaml.YAMLException).mark ?? { line: 0, column: 0 };
    return fail({
      ruleId: 'org-defaults',
      severity: 'error',
      message: `org defaults "${spec}" are not valid YAML: ${(error as jsYaml.YAMLException).reason}`,
      file,
      path: [],
      line: mark.line + 1,
      column: mark.column + 1,
    });
  }
  if (orgRaw === undefined || orgRaw === null) orgRaw = {};
  const aliases = yamlAliasProblem(orgRaw, text);
  if (aliases)
    return fail({
      ruleId: 'org-defaults',
      severity: 'error',
      message: `org defaults "${spec}": ${aliases.message}`,
      file,
      path: [],
      line: aliases.line,
      column: aliases.column,
    });
  const schemaProblems = schemaDiagnostics(orgRaw, file, text, lazyValidator('org-defaults'));
  if (schemaProblems.length) return { org: null, merged: raw, sources, diagnostics: schemaProblems };
  const { locks = {}, ...values } = orgRaw as Raw;
  const problems = lockProblems(values, locks as Record<string, LockKind>);
  if (problems.length)
    return { org: null, merged: raw, sources, diagnostics: problems.map((p) => diagnostic(file, text, 'org-defaults', ['locks', p.key], p.message, true)) };
  checkedOrgs.set(file, { text, values: structuredClone(values), locks: structuredClone(locks) as Record<string, LockKind> });
  return merge(raw, spec, file, values, locks as Record<string, LockKind>, configFile, sources);
}

/**
 * Org files that parsed and checked clean in this process, by resolved path, with the text they were checked as: the
 * configs of a fleet that extend one org file still read it (a change is seen), but parse, schema-check and
 * lock-check it once. Each use gets its own copy of the values, as a fresh parse did.
 */
const checkedOrgs = new Map<string, { text: string; values: Raw; locks: Record<string, LockKind> }>();

function merge(
  raw: Raw,
  spec: string,
  file: string,
  values: Raw,
  locks: Record<string, LockKind>,
  configFile: string,
  sources: Map<string, string>,
): OrgResolution {
  const merged = mergeUnder(values, raw, { under: spec, top: configFile }, sources) as Raw;
  return { org: { name: spec, file, values, locks }, merged, sources, diagnostics: [] };
}

const show = (value: unknown): string => JSON.stringify(value);
const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const magnitude = (value: unknown): number => (typeof value === 'number' ? value : durationSeconds(String(value)));

/** What weakens a locked value: a path in the merged config and a message naming the org file and the locked value. */
export function lockViolations(model: Model, merged: Raw, org: OrgDefaults): Array<{ path: JsonPath; message: string }> {
  const out: Array<{ path: JsonPath; message: string }> = [];
  const by = `org defaults "${org.name}"`;
  for (const [key, kind] of Object.entries(org.locks)) {
    if (key === 'production.approval') {
      for (const env of model.environments.filter((e) => e.production && e.approval === null)) {
        out.push({
          path: ['environments', env.name],
          message: `environment "${env.name}" is production and deploys without approval, which ${by} requires; add an "approval" block`,
        });
      }
      continue;
    }
    if (key === 'production.secretScanning') {
      const trivy = model.security.trivy;
      if (model.environments.some((e) => e.production) && !(trivy.enabled && trivy.scanners.includes('secret'))) {
        out.push({
          path: ['security', 'trivy', trivy.enabled ? 'scanners' : 'enabled'],
          message: `the Trivy scan does not look for secrets, which ${by} requires for production; add "secret" to "security.trivy.scanners"`,
        });
      }
      continue;
    }
    const path = key.split('.');
    const locked = valueAt(org.values, path);
    const actual = valueAt(merged, path);
    if (kind === 'minimum' && magnitude(actual) < magnitude(locked)) {
      out.push({ path, message: `"${key}" is ${show(actual)}, below ${show(locked)}, the minimum ${by} locks; set it to ${show(locked)} or more` });
    } else if (kind === 'maximum' && magnitude(actual) > magnitude(locked)) {
      out.push({ path, message: `"${key}" is ${show(actual)}, above ${show(locked)}, the maximum ${by} locks; set it to ${show(locked)} or less` });
    } else if (kind === 'includes') {
      const missing = (locked as unknown[]).filter((item) => !(Array.isArray(actual) && actual.some((a) => sameValue(a, item))));
      if (missing.length)
        out.push({ path, message: `"${key}" leaves out ${missing.map(show).join(', ')}, which ${by} locks; add ${missing.length === 1 ? 'it' : 'them'}` });
    } else if (kind === 'fixed' && !sameValue(actual, locked)) {
      out.push({ path, message: `"${key}" is ${show(actual)}, but ${by} locks it to ${show(locked)}; remove the key or set it to ${show(locked)}` });
    }
  }
  return out;
}
