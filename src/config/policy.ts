// The organisation's policy (schemas/policy.schema.json): read from a file the platform names, never from pipeline.yaml, and checked against the merged config.
import jsYaml from 'js-yaml';
import { lazyValidator } from './validators.js';
import type { Diagnostic, JsonPath } from '../core/diagnostic.js';
import type { Model } from './model.js';
import { schemaDiagnostics } from './schema.js';
import { locate } from './locate.js';
import { yamlAliasProblem } from './yaml-parse.js';
import { InputRefused, readBoundedText } from '../helpers/shared/bounded-read.js';
import { hostAllowed, hostOf } from '../helpers/shared/allowed-hosts.js';

export { hostAllowed, hostOf };

/** The variable a platform sets on its CI agents so that every lint and gen applies the policy without a flag. */
export const POLICY_ENV = 'PIPEWRIGHT_POLICY';

/** The ruleId of every policy finding: an error that neither lint.rules nor a suppression comment can touch. */
export const POLICY_RULE = 'policy';

export type CredentialKind = 'git' | 'argocd' | 'database' | 'slack' | 'github';

export interface Policy {
  /** The file as given, named in messages and in the library's marker. */
  name: string;
  production: {
    environments: string[];
    manifests: string[];
    argocdApps: string[];
    namespaces: string[];
    approvers: string[];
    /** Jenkins user ID -> the commit e-mails and GitHub logins that are that person (the four-eyes check). */
    identities: Record<string, string[]>;
  };
  requiredGates: Array<'coverage' | 'trivy'>;
  coverageMin: number | null;
  /** Always holds vuln: a scan that looks for no vulnerabilities is no scan. */
  scanners: string[];
  failOn: string[];
  maxIgnoreDays: number | null;
  lockedRules: string[];
  /** Absent kind: any host; a list (even empty): only those. */
  hosts: Partial<Record<CredentialKind, string[]>>;
}

type RawPolicy = {
  production?: Partial<Policy['production']>;
  gates?: { required?: Policy['requiredGates']; coverageMin?: number };
  security?: { trivy?: { scanners?: string[]; failOn?: string[]; maxIgnoreDays?: number } };
  lint?: { locked?: string[] };
  hosts?: Policy['hosts'];
};

/** The policy file to use: the flag, else the platform's environment variable, else none. */
export function policyFileFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flag ?? (env[POLICY_ENV] ? env[POLICY_ENV] : undefined);
}

/** Reads and validates a policy file (bounded like an org file); diagnostics mean no policy. */
export function readPolicy(file: string, knownRules: ReadonlySet<string>): { policy: Policy | null; diagnostics: Diagnostic[] } {
  const fail = (message: string, path: JsonPath = [], text = '', ruleId = 'policy-file'): { policy: null; diagnostics: Diagnostic[] } => ({
    policy: null,
    diagnostics: [{ ruleId, severity: 'error', message, file, path, ...(text ? locate(text, path, { key: true }) : { line: 1, column: 1 }) }],
  });
  let text: string;
  try {
    text = readBoundedText(file, `the policy "${file}"`, 'org');
  } catch (error) {
    if (!(error instanceof InputRefused)) throw error;
    return fail(error.message, [], '', 'unreadable');
  }
  let raw: unknown;
  try {
    raw = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file });
  } catch (error) {
    const e = error as jsYaml.YAMLException;
    return {
      policy: null,
      diagnostics: [
        {
          ruleId: 'policy-file',
          severity: 'error',
          message: `the policy is not valid YAML: ${e.reason}`,
          file,
          path: [],
          line: (e.mark?.line ?? 0) + 1,
          column: (e.mark?.column ?? 0) + 1,
        },
      ],
    };
  }
  const aliases = yamlAliasProblem(raw, text);
  if (aliases)
    return {
      policy: null,
      diagnostics: [{ ruleId: 'policy-file', severity: 'error', message: aliases.message, file, path: [], line: aliases.line, column: aliases.column }],
    };
  const problems = schemaDiagnostics(raw ?? {}, file, text, lazyValidator('policy'));
  if (problems.length) return { policy: null, diagnostics: problems.map((d) => ({ ...d, ruleId: 'policy-file' })) };
  const r = raw as RawPolicy;
  const locked = r.lint?.locked ?? [];
  const unknown = locked.findIndex((id) => !knownRules.has(id));
  if (unknown >= 0) return fail(`"${locked[unknown]}" is not a rule id; see docs/rules/README.md for the ids`, ['lint', 'locked', unknown], text);
  const p = r.production ?? {};
  return {
    policy: {
      name: file,
      production: {
        environments: p.environments ?? [],
        manifests: p.manifests ?? [],
        argocdApps: p.argocdApps ?? [],
        namespaces: p.namespaces ?? [],
        approvers: p.approvers ?? [],
        identities: p.identities ?? {},
      },
      requiredGates: r.gates?.required ?? [],
      coverageMin: r.gates?.coverageMin ?? null,
      scanners: [...new Set(['vuln', ...(r.security?.trivy?.scanners ?? [])])],
      failOn: r.security?.trivy?.failOn ?? [],
      maxIgnoreDays: r.security?.trivy?.maxIgnoreDays ?? null,
      lockedRules: locked,
      hosts: r.hosts ?? {},
    },
    diagnostics: [],
  };
}

/**
 * A policy glob as a regular expression source that JavaScript and Java read alike (the library's pwPolicy matches
 * with the same text): "**" across path parts ("**\/" also matches no part), "*" and "?" within one part. The schema
 * allows only letters, digits and . _ / - besides the wildcards, so "." is the one character to escape.
 */
export function globSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (glob.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      out += '.*';
      i += 1;
    } else out += ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch === '.' ? '\\.' : ch;
  }
  return `^${out}$`;
}

/** The first of `globs` that `value` matches (case-insensitively), or null. */
export function matchingGlob(value: string | null, globs: string[]): string | null {
  if (value === null) return null;
  return globs.find((g) => new RegExp(globSource(g), 'i').test(value)) ?? null;
}

/** Why an environment is production under the policy (or because it says so), or null when it is not. */
export function productionReason(env: Model['environments'][number], policy: Policy): string | null {
  const p = policy.production;
  const checks: Array<[string | null, string[], string]> = [
    [env.name, p.environments, 'environment name'],
    [env.manifest, p.manifests, 'manifest'],
    [env.argocdApp, p.argocdApps, 'Argo CD application'],
    [env.namespace, p.namespaces, 'namespace'],
  ];
  for (const [value, globs, what] of checks) {
    const glob = matchingGlob(value, globs);
    if (glob) return `its ${what} "${value}" matches the policy's production pattern "${glob}"`;
  }
  return env.production ? 'it is marked production' : null;
}

const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** What the config does that the policy forbids: a path and a message each. */
export function policyViolations(model: Model, policy: Policy, today: string): Array<{ path: JsonPath; message: string }> {
  const out: Array<{ path: JsonPath; message: string }> = [];
  const by = `the policy "${policy.name}"`;
  for (const env of model.environments) {
    const reason = productionReason(env, policy);
    if (!reason) continue;
    if (env.approval === null) {
      out.push({
        path: ['environments', env.name],
        message: `environment "${env.name}" deploys without approval, but ${reason}; ${by} requires an "approval" block (the library refuses the deploy without pwApprove)`,
      });
    } else if (policy.production.approvers.length) {
      const outside = env.approval.submitters.filter((s) => !policy.production.approvers.includes(s));
      if (env.approval.submitters.length === 0 || outside.length) {
        out.push({
          path: ['environments', env.name, 'approval', 'submitters'],
          message: `environment "${env.name}" is production (${reason.replace(/^it is marked production$/, 'marked')}); its approval "submitters" must be among ${by}'s approvers ${policy.production.approvers.map((a) => `"${a}"`).join(', ')}${outside.length ? `, not ${outside.map((s) => `"${s}"`).join(', ')}` : ''}`,
        });
      }
    }
  }
  const trivy = model.security.trivy;
  if (policy.requiredGates.includes('trivy') && !trivy.enabled)
    out.push({ path: ['security', 'trivy', 'enabled'], message: `the Trivy scan is off, but ${by} requires it; remove "enabled: false"` });
  if (policy.requiredGates.includes('coverage') && !model.gates.coverage.enabled)
    out.push({ path: ['gates', 'coverage', 'enabled'], message: `the coverage gate is off, but ${by} requires it; remove "enabled: false"` });
  if (policy.coverageMin !== null && model.gates.coverage.enabled && model.gates.coverage.min < policy.coverageMin) {
    out.push({
      path: ['gates', 'coverage', 'min'],
      message: `"gates.coverage.min" is ${model.gates.coverage.min}, below ${policy.coverageMin}, the minimum ${by} sets`,
    });
  }
  if (trivy.enabled) {
    const missing = policy.scanners.filter((s) => !(trivy.scanners as string[]).includes(s));
    if (missing.length)
      out.push({
        path: ['security', 'trivy', 'scanners'],
        message: `"security.trivy.scanners" leaves out ${missing.map((s) => `"${s}"`).join(', ')}, which ${by} requires; add ${missing.length === 1 ? 'it' : 'them'}`,
      });
    const unfailed = policy.failOn.filter((s) => !(trivy.failOn as string[]).includes(s));
    if (unfailed.length)
      out.push({
        path: ['security', 'trivy', 'failOn'],
        message: `"security.trivy.failOn" leaves out ${unfailed.map((s) => `"${s}"`).join(', ')}, which ${by} requires; add ${unfailed.length === 1 ? 'it' : 'them'}`,
      });
    if (policy.maxIgnoreDays !== null) {
      const latest = addDays(today, policy.maxIgnoreDays);
      trivy.ignore.forEach((entry, i) => {
        if (entry.until > latest)
          out.push({
            path: ['security', 'trivy', 'ignore', i, 'until'],
            message: `the exception for "${entry.id}" runs until ${entry.until}, more than ${policy.maxIgnoreDays} days from today, the most ${by} allows; set "until" to ${latest} or earlier`,
          });
      });
    }
  }
  for (const id of policy.lockedRules) {
    const configured = model.lint.rules[id];
    if (configured !== undefined && configured !== 'error') {
      out.push({ path: ['lint', 'rules', id], message: `"${id}" is locked by ${by}: its findings are errors here whatever "lint.rules" says; remove the key` });
    }
  }
  for (const { kind, path, address } of credentialTargets(model)) {
    const allowed = policy.hosts[kind];
    if (!allowed) continue;
    const host = hostOf(address);
    if (host === null || !hostAllowed(host, allowed)) {
      out.push({
        path,
        message: `"${address}" is not a ${kind} host ${by} allows (${allowed.length ? allowed.map((a) => `"${a}"`).join(', ') : 'none'}); the ${kind} credential is never sent there`,
      });
    }
  }
  return out;
}

/** Every place pipeline.yaml points a credential at, with the credential's kind. */
function credentialTargets(model: Model): Array<{ kind: CredentialKind; path: JsonPath; address: string }> {
  const out: Array<{ kind: CredentialKind; path: JsonPath; address: string }> = [];
  if (model.gitops) {
    out.push({ kind: 'git', path: ['gitops', 'repo'], address: model.gitops.repo });
    if (model.gitops.argocd) out.push({ kind: 'argocd', path: ['gitops', 'argocd', 'server'], address: model.gitops.argocd.server });
  }
  for (const env of model.environments) {
    if (env.database) out.push({ kind: 'database', path: ['environments', env.name, 'database', 'host'], address: `postgres://${env.database.host}` });
  }
  return out;
}
