// Where the pipewright package's own files (schemas, templates, helpers, org defaults) live, from source or from the bundle.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The folder holding pipewright's package.json: found by walking up, so it works from src/, dist/ and dist/chunks/. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'pipewright') {
      return (cachedRoot = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the pipewright package root');
    dir = parent;
  }
}

export const packagePath = (...parts: string[]): string => join(packageRoot(), ...parts);
