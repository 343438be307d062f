// Plain-text and Markdown tables and file reading shared by the report gates.
import { InputRefused, readBoundedText } from '../shared/bounded-read.js';
import { HelperFailure } from '../shared/cli.js';
import { ReportFormatError } from './format-error.js';

/** Left-aligns the first column and right-aligns the others (they hold numbers). */
export function textTable(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** A Markdown table; pipes, angle brackets and line breaks in cells are escaped so report text cannot break the table or inject HTML. */
export function markdownTable(header: string[], rows: Array<Array<string | number>>): string {
  const cell = (c: string | number): string =>
    String(c).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
  // Columns of numbers are right-aligned, text columns left-aligned.
  const align = header.map((_, i) => (rows.length > 0 && rows.every((r) => typeof r[i] === 'number') ? '---:' : '---'));
  return [header, align, ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

/**
 * Reads a report file as UTF-8 through the bounded reader (a regular file under the report size cap: a report path
 * linked to /dev/zero or a FIFO is refused at once), or fails the helper saying which file and why.
 */
export function readReport(file: string, what: string): string {
  try {
    return readBoundedText(file, `the ${what} "${file}"`, 'report');
  } catch (error) {
    if (error instanceof InputRefused) throw new HelperFailure(error.message, { verdict: 'error' });
    throw error;
  }
}

/** Reads and parses a report; input that is not what it claims to be fails the helper (exit 1) naming the file. */
export function parseReportFile<T>(file: string, what: string, parse: (text: string) => T): T {
  try {
    return parse(readReport(file, what));
  } catch (error) {
    if (error instanceof ReportFormatError) throw new HelperFailure(`${file}: ${error.message}`, { verdict: 'error' });
    throw error;
  }
}

/** Formats a ratio as a percentage with two decimals, e.g. 0.8 -> "80.00%". */
export const percent = (ratio: number): string => `${(ratio * 100).toFixed(2)}%`;
