// The shape of a lint rule: metadata plus a check that reports JSON paths and messages, never positions.
import type { Model } from '../config/model.js';
import type { OrgDefaults } from '../config/org.js';
import type { DiagnosticSeverity, JsonPath } from '../core/diagnostic.js';

/** Where a finding lives when it is not in the config (a manifest), 1-based. */
export interface ElsewhereLocation {
  file: string;
  line: number;
  column: number;
}

export interface ReportOptions {
  /** The finding's position in another file; its `path` still names the config value it is about (suppressions use it). */
  at?: ElsewhereLocation;
  /** This finding's default severity in place of the rule's, when neither lint.rules nor the policy sets the rule; `info` stays info. */
  severity?: DiagnosticSeverity;
}

export type Report = (path: JsonPath, message: string, options?: ReportOptions) => void;

/** What a rule may know beyond the config: the org defaults it extends, and today's date (for expiring entries). */
export interface LintContext {
  org: OrgDefaults | null;
  /** YYYY-MM-DD, UTC. */
  today: string;
  /** Stage names the generated Jenkinsfile would use twice, as the flow gen renders has them (found on first use, once). */
  duplicateStageNames(): string[];
  /**
   * The folder environment manifests are read from (lint --manifests DIR, else the config's folder), or null when lint
   * reads a config alone (editor, tests of a text): rules with `repository: true` then find nothing.
   */
  manifests: { root: string } | null;
}

export interface Rule {
  /** kebab-case, also the file name under src/lint/rules/ and docs/rules/. */
  id: string;
  description: string;
  severity: DiagnosticSeverity;
  /** Always an error, neither configurable nor suppressible: gen cannot write a Jenkinsfile that breaks it. */
  fixed?: true;
  /** Reads files beside the config through `context.manifests`: runs only when lint reads the repository (the CLI does). */
  repository?: true;
  /** `raw` is the validated YAML object (org defaults merged in), for rules about what was written rather than what it resolves to. */
  check(model: Model, report: Report, raw: Record<string, unknown>, context: LintContext): void;
}
