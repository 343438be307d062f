// --format checkstyle: Checkstyle XML, which Jenkins warnings-ng reads with recordIssues(tools: [checkStyle(pattern: ...)]).
import type { LintResult } from '../runner.js';

/** Characters XML 1.0 cannot hold at all (even escaped): C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for a double-quoted XML attribute; line breaks and tabs as character references so parsers keep them. */
export function xmlAttribute(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export function formatCheckstyle(results: LintResult[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const result of results) {
    out.push(`  <file name="${xmlAttribute(result.file)}">`);
    for (const d of result.diagnostics) {
      out.push(
        `    <error line="${d.line}" column="${d.column}" severity="${d.severity}" message="${xmlAttribute(d.message)}" source="${xmlAttribute(`pipewright.${d.ruleId}`)}"/>`,
      );
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
}
