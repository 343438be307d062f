// `pipewright lint --print-config`: prints each config merged with its org defaults; one that does not load prints why.
import { findConfigs } from './files.js';
import { useColor } from './color.js';
import { loadFile } from '../config/load.js';
import { printConfig } from '../config/print-config.js';
import { formatters } from '../lint/formatters/index.js';
import { UNREADABLE_RULES } from './lint.js';

/** Returns the exit code: 0 printed, 1 a config has errors, 2 a file could not be read. */
export async function runPrintConfig(paths: string[]): Promise<number> {
  const loaded = findConfigs(paths).map((f) => loadFile(f));
  const failed = loaded.filter((l) => l.model === null);
  if (failed.length) {
    process.stdout.write(await formatters.stylish!(failed, { color: useColor(process.stdout) }));
    return failed.some((l) => l.diagnostics.some((d) => UNREADABLE_RULES.has(d.ruleId))) ? 2 : 1;
  }
  process.stdout.write(loaded.map((l) => printConfig(l.raw as Record<string, unknown>, l.file, l.org)).join('---\n'));
  return 0;
}
