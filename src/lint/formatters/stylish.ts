// --format stylish: `file:line:col: severity message [rule]` with a short code frame, coloured (chalk) on a terminal.
import type { LintResult } from '../runner.js';
import { maskSecrets, secretValues } from '../support/secrets.js';

interface Painter {
  red(text: string): string;
  yellow(text: string): string;
  gray(text: string): string;
  bold(text: string): string;
}

const same = (text: string): string => text;
const PLAIN: Painter = { red: same, yellow: same, gray: same, bold: same };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderStylish(results: LintResult[], c: Painter): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const result of results) {
    const lines = result.text.split(/\r?\n/);
    const secrets = result.secrets ?? secretValues(result.raw);
    for (const d of result.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
      const sev = d.severity === 'error' ? c.red('error') : d.severity === 'warning' ? c.yellow('warning') : c.gray('info');
      out.push(`${c.bold(`${d.file}:${d.line}:${d.column}`)}: ${sev} ${d.message} ${c.gray(`[${d.ruleId}]`)}`);
      // The code frame shows the line as written, so it is masked too (the messages were masked by the runner).
      // A finding in another file (a manifest) has no frame from the config's text.
      const source = d.file !== result.file || lines[d.line - 1] === undefined ? undefined : maskSecrets(lines[d.line - 1]!, secrets);
      if (source !== undefined && source.trim() !== '') {
        const gutter = String(d.line).padStart(4);
        out.push(c.gray(`${gutter} | `) + source.replace(/\t/g, ' '));
        // Underline the whole range when it stays on this line.
        const width = d.endLine === d.line && d.endColumn !== undefined ? Math.max(1, Math.min(d.endColumn, source.length + 1) - d.column) : 1;
        out.push(c.gray(`${' '.repeat(4)} | `) + ' '.repeat(Math.max(0, d.column - 1)) + c.red(`^${'~'.repeat(width - 1)}`));
      }
    }
  }
  if (errors + warnings + infos > 0) {
    out.push('');
    const notes = infos ? `, ${plural(infos, 'note')}` : '';
    out.push(
      (errors ? c.red : warnings ? c.yellow : c.gray)(
        `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${notes} in ${plural(results.length, 'file')}`,
      ),
    );
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** Plain text right away; chalk is loaded only when there is a terminal to colour (it costs start-up time). */
export function formatStylish(results: LintResult[], options: { color: boolean }): string | Promise<string> {
  if (!options.color) return renderStylish(results, PLAIN);
  return import('chalk').then(({ Chalk }) => renderStylish(results, new Chalk({ level: 1 })));
}
