// The one diagnostic shape every loader step, schema check and lint rule reports (1-based positions).

/** info: a note that never changes the exit code nor counts toward --max-warnings. */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** A JSON path into the config: keys and array indexes from the root. */
export type JsonPath = Array<string | number>;

export interface Diagnostic {
  ruleId: string;
  severity: DiagnosticSeverity;
  message: string;
  file: string;
  path: JsonPath;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
