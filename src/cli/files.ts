// Resolves command-line paths to pipeline.yaml files: a file as given, a folder searched for **/pipeline.yaml.
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';

export const CONFIG_NAME = 'pipeline.yaml';

/** Folders never searched: dependencies, VCS metadata, and hidden folders (as a glob without `dot` would skip them). */
const SKIPPED = new Set(['node_modules', '.git']);

/**
 * Every `pipeline.yaml` under `dir`, sorted, as `dir/relative/path`. A small walker rather than a glob library: the
 * search is one fixed name, and loading a glob engine would cost more than the walk on every `lint` start.
 */
function findUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    const entries = readdirSync(relative ? join(dir, relative) : dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.name === CONFIG_NAME && (entry.isFile() || entry.isSymbolicLink())) found.push(path);
    }
  };
  walk('');
  return found.sort();
}

export function findConfigs(paths: string[]): string[] {
  const inputs = paths.length ? paths : [CONFIG_NAME];
  const files: string[] = [];
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch {
      // A repository without a config yet: say how to get one rather than only that it is missing.
      const folder = dirname(input);
      const init = folder === '.' ? 'pipewright init' : `pipewright init --dir ${folder}`;
      const hint = basename(input) === CONFIG_NAME ? `; run "${init}" to write a starter ${CONFIG_NAME}` : '';
      throw new UsageError(`cannot read "${input}": no such file or folder${hint}`);
    }
    if (stat.isDirectory()) {
      const found = findUnder(input);
      if (found.length === 0) throw new UsageError(`no ${CONFIG_NAME} under "${input}"`);
      const base = input.replace(/\/+$/, '');
      files.push(...found.map((f) => `${base}/${f}`));
    } else files.push(input);
  }
  return [...new Set(files)];
}
