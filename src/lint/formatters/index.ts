// The lint output formats, by name; each turns results into one string.
import type { LintResult } from '../runner.js';
import { formatCheckstyle } from './checkstyle.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

/** Most formats are synchronous; stylish returns a promise when it must load chalk for colour. */
export type Formatter = (results: LintResult[], options: { color: boolean }) => string | Promise<string>;

export const formatters: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  checkstyle: formatCheckstyle,
};
