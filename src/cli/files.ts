// Resolves command-line paths to pipeline.yaml files: a file as given, a folder searched for **/pipeline.yaml.
import { statSync } from 'node:fs';
import fg from 'fast-glob';
import { UsageError } from './errors.js';

export const CONFIG_NAME = 'pipeline.yaml';

export function findConfigs(paths: string[]): string[] {
  const inputs = paths.length ? paths : [CONFIG_NAME];
  const files: string[] = [];
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch {
      throw new UsageError(`cannot read "${input}": no such file or folder`);
    }
    if (stat.isDirectory()) {
      const found = fg.sync(`**/${CONFIG_NAME}`, { cwd: input, ignore: ['**/node_modules/**', '**/.git/**'], dot: false, onlyFiles: true });
      if (found.length === 0) throw new UsageError(`no ${CONFIG_NAME} under "${input}"`);
      const base = input.replace(/\/+$/, '');
      files.push(...found.sort().map((f) => `${base}/${f}`));
    } else files.push(input);
  }
  return [...new Set(files)];
}
