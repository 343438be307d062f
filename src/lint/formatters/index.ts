// The lint output formats, by name; each turns results into one string.
import type { LintResult } from '../runner.js';
import { formatCheckstyle } from './checkstyle.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export type Formatter = (results: LintResult[], options: { color: boolean }) => string;

export const formatters: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  checkstyle: formatCheckstyle,
};
