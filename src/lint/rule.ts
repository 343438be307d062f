// The shape of a lint rule: metadata plus a check that reports JSON paths and messages, never positions.
import type { Model } from '../config/model.js';
import type { OrgDefaults } from '../config/org.js';
import type { DiagnosticSeverity, JsonPath } from './diagnostic.js';

export type Report = (path: JsonPath, message: string) => void;

/** What a rule may know beyond the config: the org defaults it extends, and today's date (for expiring entries). */
export interface LintContext {
  org: OrgDefaults | null;
  /** YYYY-MM-DD, UTC. */
  today: string;
  /** Stage names the generated Jenkinsfile would use twice, from the flow gen renders (built on first use, once). */
  duplicateStageNames(): string[];
}

export interface Rule {
  /** kebab-case, also the file name under src/lint/rules/ and docs/rules/. */
  id: string;
  description: string;
  severity: DiagnosticSeverity;
  /** Always an error, neither configurable nor suppressible: gen cannot write a Jenkinsfile that breaks it. */
  fixed?: true;
  /** `raw` is the validated YAML object (org defaults merged in), for rules about what was written rather than what it resolves to. */
  check(model: Model, report: Report, raw: Record<string, unknown>, context: LintContext): void;
}
