// Runs the loader and the lint rules over config files; rules report paths, the runner turns them into positions.
import { dirname } from 'node:path';
import type { Loaded } from '../config/load.js';
import { loadFile } from '../config/load.js';
import { locate } from '../config/locate.js';
import { lockViolations } from '../config/org.js';
import { POLICY_RULE, policyViolations, type Policy } from '../config/policy.js';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import { rules as allRules } from './rules/index.js';
import type { LintContext, Report, Rule } from './rule.js';
import { applySuppressions, SUPPRESSION_RULES } from './suppress.js';
import { fixedRuleSettings, UNKNOWN_RULE, unknownRuleSettings } from './settings.js';
import { maskSecrets, secretValues } from './support/secrets.js';
// lint checks what gen renders: the stage names of the flow gen builds (src/flow/stage-names.ts, without building it).
import { duplicateStageNamesOf } from '../gen/flow.js';

export interface LintResult extends Loaded {
  diagnostics: Diagnostic[];
  /** The config's secret values to mask in output, when `raw` (where they are otherwise found) is not kept: gen's findings. */
  secrets?: readonly string[];
}

export interface LintOptions {
  /** YYYY-MM-DD; defaults to today (UTC). Suppressions and ignore entries expire against it. */
  today?: string;
  /** The platform's policy (lint/gen --policy, PIPEWRIGHT_POLICY): its findings and locked rules are errors nothing in the repository can hide. */
  policy?: Policy | null;
  /** lint --manifests: a checkout of the GitOps repository; without it manifests are looked for beside the config (context.manifests). */
  manifests?: string;
  /** Read the repository's manifests (lint's CLI does; callers linting a text alone do not). */
  repository?: boolean;
}

/** The ids lint.rules and suppressions may name: the same for every config, so found once per process. */
let ruleIds: { knownRules: Set<string>; settingIds: string[]; fixedIds: string[] } | undefined;
function ruleIdsOf(): NonNullable<typeof ruleIds> {
  const knownRules = new Set(allRules.map((r) => r.id));
  return {
    knownRules,
    settingIds: [...knownRules, ...Object.values(SUPPRESSION_RULES).map((r) => r.id), UNKNOWN_RULE],
    fixedIds: allRules.filter((r) => r.fixed).map((r) => r.id),
  };
}

/** Applies the rules to a loaded config; a config that failed to load keeps its loader diagnostics only. */
export function lintLoaded(loaded: Loaded, rules: Rule[] = allRules, options: LintOptions = {}): LintResult {
  const { model, text, raw, file } = loaded;
  if (!model) return { ...loaded, diagnostics: masked(loaded.diagnostics, raw).sort(compareDiagnostics) };
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  let duplicates: string[] | undefined;
  const context: LintContext = {
    org: loaded.org?.org ?? null,
    today: options.today ?? new Date().toISOString().slice(0, 10),
    // Found on first use and once: only rules about the generated Jenkinsfile pay for the names.
    duplicateStageNames: () => (duplicates ??= duplicateStageNamesOf(model)),
    manifests: options.repository ? { root: options.manifests ?? dirname(file) } : null,
  };
  // Findings gen would refuse the config for: lint.rules and suppressions cannot silence them, so lint and gen agree.
  const fixed: Diagnostic[] = [];
  const policy = options.policy ?? null;
  const lockedRules = new Set(policy?.lockedRules ?? []);
  // A rule the policy locks is an error that lint.rules cannot change; a suppression of it is refused below.
  const policyLocked: Diagnostic[] = [];
  // One report function for every rule (rules report synchronously, inside check): what it needs of the rule in hand
  // is set before each check, rather than a closure made per rule and config.
  let ruleId = '';
  let severity: Diagnostic['severity'] = 'error';
  let overridden = false;
  let into = diagnostics;
  const report: Report = (path, message, found = {}) =>
    into.push({
      ruleId,
      // A note stays a note; otherwise lint.rules and the policy win over the finding's own default.
      severity: found.severity === 'info' ? 'info' : overridden ? severity : (found.severity ?? severity),
      message,
      file: found.at?.file ?? file,
      path,
      ...(found.at ? { line: found.at.line, column: found.at.column } : locate(text, path)),
    });
  for (const rule of rules) {
    const isLocked = lockedRules.has(rule.id);
    const configured = rule.fixed || isLocked ? undefined : model.lint.rules[rule.id];
    if (configured === 'off') continue;
    ruleId = rule.id;
    severity = isLocked ? 'error' : (configured ?? rule.severity);
    overridden = isLocked || configured !== undefined;
    into = rule.fixed ? fixed : isLocked ? policyLocked : diagnostics;
    rule.check(model, report, raw as Record<string, unknown>, context);
  }
  // Org locks are errors whatever lint.rules says; a rule finding on a locked value would only repeat the lock's.
  const locks = context.org ? lockViolations(model, raw as Record<string, unknown>, context.org) : [];
  const policed = policy ? policyViolations(model, policy, context.today) : [];
  const locked = new Set<string>();
  for (const l of [locks, policed].flat()) locked.add(JSON.stringify(l.path));
  // Lists are built with push, not spreads: spreading arrays of other element kinds (an empty one, one of objects)
  // sent V8's optimised code for this function back to the interpreter, and it was compiled again each time.
  const findings = withoutLocked(diagnostics, locked);
  for (const l of locks) findings.push({ ruleId: 'org-lock', severity: 'error', message: l.message, file, path: l.path, ...locate(text, l.path) });
  const unhidden = withoutLocked(policyLocked, locked);
  for (const l of policed) unhidden.push({ ruleId: POLICY_RULE, severity: 'error', message: l.message, file, path: l.path, ...locate(text, l.path) });
  const { knownRules, settingIds, fixedIds } = (ruleIds ??= ruleIdsOf());
  for (const u of unknownRuleSettings(model, settingIds))
    findings.push({ ruleId: UNKNOWN_RULE, severity: 'warning', message: u.message, file, path: u.path, ...locate(text, u.path, { key: true }) });
  for (const u of fixedRuleSettings(model, fixedIds))
    findings.push({ ruleId: UNKNOWN_RULE, severity: 'warning', message: u.message, file, path: u.path, ...locate(text, u.path, { key: true }) });
  const suppressOptions = {
    file,
    text,
    today: context.today,
    knownRules,
    configured: model.lint.rules,
    locked: policy ? { ids: lockedRules, by: `the policy "${policy.name}"` } : undefined,
  };
  const kept = applySuppressions(findings, suppressOptions);
  for (const d of unhidden) kept.push(d);
  for (const d of fixed) kept.push(d);
  return { ...loaded, diagnostics: masked(kept, raw).sort(compareDiagnostics) };
}

/** The diagnostics whose path no lock or policy finding holds (a lock's own finding would only repeat them); a new list. */
function withoutLocked(diagnostics: Diagnostic[], locked: Set<string>): Diagnostic[] {
  return locked.size ? diagnostics.filter((d) => !locked.has(JSON.stringify(d.path))) : diagnostics.slice();
}

/** Messages quote values (schema errors echo what was written), so every diagnostic is masked here, once for all formats. */
function masked(diagnostics: Diagnostic[], raw: unknown): Diagnostic[] {
  const values = secretValues(raw);
  return diagnostics.map((d) => ({
    ...d,
    message: maskSecrets(d.message, values),
    path: d.path.map((segment) => (typeof segment === 'string' ? maskSecrets(segment, values) : segment)),
  }));
}

export function lintFile(file: string, rules: Rule[] = allRules, options: LintOptions = {}): LintResult {
  return lintLoaded(loadFile(file), rules, options);
}
