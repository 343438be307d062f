// --format sarif: one SARIF 2.1.0 log (GitHub code scanning, Jenkins warnings-ng), artifact URIs relative to the working folder.
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOADER_RULES } from '../../config/loader-rules.js';
import { VERSION } from '../../version.js';
import { rules as lintRules } from '../rules/index.js';
import type { LintResult } from '../runner.js';

/** A relative URI reference when the file is under the working folder (so results are portable), else a file: URI. */
export function artifactUri(file: string, cwd = process.cwd()): string {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  if (isAbsolute(rel) || rel.startsWith('..')) return pathToFileURL(isAbsolute(file) ? file : `${cwd}${sep}${file}`).href;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

function describeRule(id: string): string {
  return LOADER_RULES[id] ?? lintRules.find((r) => r.id === id)?.description ?? id;
}

export function formatSarif(results: LintResult[]): string {
  const diagnostics = results.flatMap((r) => r.diagnostics);
  const ruleIds = [...new Set(diagnostics.map((d) => d.ruleId))].sort();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pipewright',
            version: VERSION,
            informationUri: 'https://github.com/pipewright/pipewright',
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: describeRule(id) } })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ruleIndex: ruleIds.indexOf(d.ruleId),
          // SARIF's levels are error, warning, note and none.
          level: d.severity === 'info' ? 'note' : d.severity,
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(d.file) },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine ?? d.line, endColumn: d.endColumn ?? d.column },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
