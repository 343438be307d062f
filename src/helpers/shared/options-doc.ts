// The docs/helpers pages' option tables, rendered from the helpers' specs (the same facts --help prints); scripts/gen-helper-docs.mjs writes and checks them.
import type { HelperSpec } from './cli.js';
import { defaultValueName, type OptionSpec, type OptionSpecs } from './options.js';

/** Which family page documents which helper; every helper under src/helpers/ must be on one. */
export const HELPER_PAGES: Record<string, readonly string[]> = {
  'gates.md': ['gate-trivy', 'gate-coverage', 'test-summary', 'record-metrics'],
  'gitops.md': ['bump-image', 'deploy-history', 'rollback', 'release-hold'],
  'operations.md': ['notify', 'approve', 'argocd-sync', 'health-check'],
  'database.md': ['db-backup', 'db-restore', 'db-list'],
};

// Split so that this source file never reads as a generated region itself.
const BEGIN = "<!-- helper options: generated from the helpers' specs by scripts/gen-helper-docs.mjs; " + 'edit src/helpers, then run npm run docs:helpers -->';
const END = '<!-- end of helper options' + ' -->';

/** Prose for a table cell: angle brackets outside code spans would read as HTML tags. */
const prose = (text: string): string =>
  text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
/** A table cell: pipes escaped (also inside code spans, as GitHub's tables need), no line breaks. */
const cell = (text: string): string =>
  prose(text)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
const code = (text: string): string => `\`${text}\``;

function valueText(o: OptionSpec): string {
  switch (o.type) {
    case 'boolean':
      return 'flag';
    case 'integer':
      return `whole number, ${o.min} to ${o.max}`;
    case 'duration': {
      const bounds = o.min !== undefined || o.max !== undefined ? `, ${o.min ?? '0s'} to ${o.max ?? 'any'}` : '';
      return `duration (${['500ms', '30s', '5m', '24h'].map(code).join(', ')}; bare: seconds)${bounds}`;
    }
    case 'url':
      return 'http(s) URL';
    case 'json-file':
      return 'JSON file';
    case 'list':
      return `comma-separated list${o.choices ? ` of ${o.choices.map(code).join(', ')}` : ''}${o.ignoreCase ? ' (any case)' : ''}`;
    case 'string':
      if (o.choices) return `one of ${o.choices.map(code).join(', ')}${o.ignoreCase ? ' (any case)' : ''}`;
      // The check's problem ("is not a database name") read the other way round: "text: a database name".
      return `text${o.check ? `: ${o.check.problem.replace(/^(is not|must be) /, '')}` : ''}${o.multiple ? ', repeatable' : ''}`;
  }
}

function defaultText(o: OptionSpec): string {
  if (o.required) return 'required';
  if (o.type === 'boolean') return 'off';
  if (o.type !== 'json-file' && o.default !== undefined) return code(o.default === '' ? '""' : String(o.default));
  return '';
}

/** One helper's options as a Markdown table, in the order --help lists them. */
export function optionsTable(spec: HelperSpec<OptionSpecs>): string {
  const rows = Object.entries(spec.options).flatMap(([name, o]) => {
    const value = o.type === 'boolean' ? '' : ` ${o.valueName ?? defaultValueName(o)}`;
    const row = `| ${cell(code(`--${name}${value}`))} | ${cell(valueText(o))} | ${cell(defaultText(o))} | ${cell(o.description)} |`;
    if (o.deprecatedAlias === undefined) return [row];
    return [row, `| ${cell(code(`--${o.deprecatedAlias}${value}`))} |  |  | deprecated: the old name of ${code(`--${name}`)}, removed in the next release |`];
  });
  return [`### \`${spec.name}\``, '', '| option | value | default | what it is |', '|---|---|---|---|', ...rows].join('\n');
}

/** The generated region of a family page: every helper's table, in the page's order. */
export function optionsRegion(specs: Array<HelperSpec<OptionSpecs>>): string {
  const intro =
    "Every option, from each helper's spec (what `--help` prints). `--result FILE`, `--max-input-mb MB` and `--help` are common to every helper ([README](README.md#common-to-every-helper)); a value outside its choices or bounds is a usage error (exit 2).";
  return [BEGIN, '', intro, '', ...specs.flatMap((s) => [optionsTable(s), '']), END].join('\n');
}

/** The page with its generated region replaced (or, the first time, appended under "## Options reference"). */
export function withOptionsRegion(page: string, specs: Array<HelperSpec<OptionSpecs>>): string {
  const region = optionsRegion(specs);
  const start = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (start >= 0 && end > start) return page.slice(0, start) + region + page.slice(end + END.length);
  return `${page.trimEnd()}\n\n## Options reference\n\n${region}\n`;
}
