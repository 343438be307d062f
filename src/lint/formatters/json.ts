// --format json: one array of diagnostics across all files.
import type { LintResult } from '../runner.js';

export function formatJson(results: LintResult[]): string {
  const rows = results.flatMap((r) =>
    r.diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine ?? d.line,
      endColumn: d.endColumn ?? d.column,
      severity: d.severity,
      ruleId: d.ruleId,
      message: d.message,
      path: d.path,
    })),
  );
  return `${JSON.stringify(rows, null, 2)}\n`;
}
