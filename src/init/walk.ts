// A bounded walk of a repository: relative POSIX paths of its files, skipping dependency, build and VCS folders.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders that hold other people's code or build output: what they contain says nothing about this repository. */
const SKIPPED = new Set([
  '.git',
  'node_modules',
  'vendor',
  'dist',
  'build',
  'target',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.terraform',
  '.idea',
  '.vscode',
]);
/** Paths pipeline.yaml can hold (the schema's relativePath): others are left out rather than written and rejected. */
const WRITABLE_PATH = /^[^\u0000-\u001f'"`$\\]{1,1024}$/;
const MAX_DEPTH = 6;
const MAX_FILES = 20_000;

export function listFiles(root: string): string[] {
  const files: string[] = [];
  const visit = (dir: string, prefix: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable folder is skipped, as git would skip it
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (files.length >= MAX_FILES) return;
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && depth < MAX_DEPTH) visit(join(dir, entry.name), rel, depth + 1);
      } else if (entry.isFile() && WRITABLE_PATH.test(rel)) files.push(rel);
    }
  };
  visit(root, '', 0);
  return files;
}
