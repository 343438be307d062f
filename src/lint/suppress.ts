// Inline suppressions: `# pipewright-disable-next-line <rule-id> [until=YYYY-MM-DD] -- <reason>`, and the findings about them.
import { locate } from '../config/locate.js';
import type { RuleSeverity } from '../config/model.js';
import type { Diagnostic } from '../core/diagnostic.js';

export const SUPPRESSION_RULES = {
  invalid: { id: 'suppression-invalid', severity: 'error' },
  expired: { id: 'suppression-expired', severity: 'warning' },
  unused: { id: 'suppression-unused', severity: 'warning' },
} as const;

/** Findings no repository may hide: an org lock or the platform's policy is the org's decision, not the team's. */
const UNSUPPRESSIBLE = new Set(['org-lock', 'policy']);

interface Suppression {
  line: number;
  column: number;
  /** The line it covers: the next one that is neither blank nor a comment. */
  target: number;
  ruleIds: string[];
  until: string | null;
  problem: string | null;
}

const DIRECTIVE = /^(\s*)#\s*pipewright-disable-next-line\b(.*)$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function parseSuppressions(text: string, knownRules: Set<string>): Suppression[] {
  // Most configs hold none: one search of the text rather than a split and a pattern per line.
  if (!text.includes('pipewright-disable-next-line')) return [];
  const lines = text.split(/\r?\n/);
  const out: Suppression[] = [];
  lines.forEach((source, index) => {
    const m = DIRECTIVE.exec(source);
    if (!m) return;
    let target = index + 1;
    while (target < lines.length && /^\s*(#.*)?$/.test(lines[target]!)) target++;
    const separator = m[2]!.indexOf(' -- ');
    const head = separator >= 0 ? m[2]!.slice(0, separator) : m[2]!.replace(/\s--\s*$/, '');
    const reason = separator >= 0 ? m[2]!.slice(separator + 4).trim() : '';
    const ruleIds: string[] = [];
    let until: string | null = null;
    let problem: string | null = null;
    for (const token of head.split(/[\s,]+/).filter(Boolean)) {
      if (token.startsWith('until=')) {
        until = token.slice('until='.length);
        if (!DATE.test(until)) problem = `"until=${until}" is not a date; write "until=YYYY-MM-DD"`;
      } else if (UNSUPPRESSIBLE.has(token)) problem = `"${token}" findings cannot be suppressed; change the value, or ask the owners of the org file or policy`;
      else if (!knownRules.has(token)) problem = `"${token}" is not a rule id; see docs/rules/ for the ids`;
      else ruleIds.push(token);
    }
    if (!problem && ruleIds.length === 0) problem = 'the suppression names no rule; write "# pipewright-disable-next-line <rule-id> -- <reason>"';
    if (!problem && reason === '') problem = `the suppression of ${ruleIds.map((id) => `"${id}"`).join(', ')} gives no reason; add " -- <why it is safe>"`;
    out.push({ line: index + 1, column: m[1]!.length + 1, target: target + 1, ruleIds, until, problem });
  });
  return out;
}

export interface SuppressOptions {
  file: string;
  text: string;
  today: string;
  knownRules: Set<string>;
  /** lint.rules as configured: the suppression findings honour it like any rule. */
  configured: Record<string, RuleSeverity>;
  /** Rule ids a policy locks: a suppression naming one hides nothing and is itself a policy error. */
  locked?: { ids: ReadonlySet<string>; by: string };
}

/** Drops the diagnostics a valid, unexpired suppression covers and adds findings for invalid, expired and unused suppressions. */
export function applySuppressions(diagnostics: Diagnostic[], options: SuppressOptions): Diagnostic[] {
  const { file, text, today, knownRules, configured, locked } = options;
  const suppressions = parseSuppressions(text, knownRules);
  if (suppressions.length === 0) return diagnostics;
  const refused: Diagnostic[] = [];
  for (const s of suppressions) {
    const lockedIds = locked ? s.ruleIds.filter((id) => locked.ids.has(id)) : [];
    if (!lockedIds.length) continue;
    // Not configurable and not suppressible itself: the policy is the platform's decision, not the repository's.
    refused.push({
      ruleId: 'policy',
      severity: 'error',
      message: `${lockedIds.map((id) => `"${id}"`).join(', ')} ${lockedIds.length === 1 ? 'is' : 'are'} locked by ${locked!.by}: the suppression hides nothing; fix the finding`,
      file,
      path: [],
      line: s.line,
      column: s.column,
    });
    s.ruleIds = s.ruleIds.filter((id) => !locked!.ids.has(id));
    if (!s.ruleIds.length && !s.problem) s.problem = 'locked';
  }
  const used = new Set<string>();
  const active = suppressions.filter((s) => !s.problem && !(s.until && s.until < today));
  const kept = diagnostics.filter((d) => {
    if (!knownRules.has(d.ruleId)) return true;
    // A finding sits on its value's line; a mapping's value starts below its key, so the key's line counts too. A finding
    // in another file (a manifest) is suppressed in the config, above the value its path names.
    const own = d.file === file ? d.line : locate(text, d.path).line;
    const lines = new Set([own, d.path.length ? locate(text, d.path, { key: true }).line : own]);
    const by = active.find((s) => s.ruleIds.includes(d.ruleId) && lines.has(s.target));
    if (by) used.add(`${by.line}:${d.ruleId}`);
    return !by;
  });
  const findings: Diagnostic[] = [];
  const add = (rule: { id: string; severity: 'error' | 'warning' }, s: Suppression, message: string) => {
    const severity = configured[rule.id] ?? rule.severity;
    if (severity !== 'off') findings.push({ ruleId: rule.id, severity, message, file, path: [], line: s.line, column: s.column });
  };
  for (const s of suppressions) {
    if (s.problem === 'locked') continue;
    if (s.problem) add(SUPPRESSION_RULES.invalid, s, s.problem);
    else if (s.until && s.until < today)
      add(
        SUPPRESSION_RULES.expired,
        s,
        `the suppression of ${s.ruleIds.map((id) => `"${id}"`).join(', ')} expired on ${s.until}; fix the finding, or set a new "until" with a reason`,
      );
    else
      for (const id of s.ruleIds.filter((r) => !used.has(`${s.line}:${r}`)))
        add(SUPPRESSION_RULES.unused, s, `nothing on line ${s.target} breaks "${id}"; remove the suppression`);
  }
  return [...kept, ...findings, ...refused];
}
