// --format stylish: `file:line:col: severity message [rule]` with a short code frame, coloured on a terminal.
import { Chalk } from 'chalk';
import type { LintResult } from '../runner.js';

export function formatStylish(results: LintResult[], options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    const lines = result.text.split(/\r?\n/);
    for (const d of result.diagnostics) {
      if (d.severity === 'error') errors++;
      else warnings++;
      const sev = d.severity === 'error' ? c.red('error') : c.yellow('warning');
      out.push(`${c.bold(`${d.file}:${d.line}:${d.column}`)}: ${sev} ${d.message} ${c.gray(`[${d.ruleId}]`)}`);
      const source = lines[d.line - 1];
      if (source !== undefined && source.trim() !== '') {
        const gutter = String(d.line).padStart(4);
        out.push(c.gray(`${gutter} | `) + source.replace(/\t/g, ' '));
        // Underline the whole range when it stays on this line.
        const width = d.endLine === d.line && d.endColumn !== undefined ? Math.max(1, d.endColumn - d.column) : 1;
        out.push(c.gray(`${' '.repeat(4)} | `) + ' '.repeat(Math.max(0, d.column - 1)) + c.red(`^${'~'.repeat(width - 1)}`));
      }
    }
  }
  if (errors + warnings > 0) {
    out.push('');
    out.push(
      (errors ? c.red : c.yellow)(
        `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${results.length} file${results.length === 1 ? '' : 's'}`,
      ),
    );
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
