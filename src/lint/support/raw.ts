// Reading the validated YAML object: a typed view, value lookup by path, and every string with its JSON path.
import type { JsonPath } from '../diagnostic.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Raw = Record<string, any>;

export const isMapping = (value: unknown): value is Raw => value !== null && typeof value === 'object' && !Array.isArray(value);

export function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isMapping(node)) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

/** Every string in the object (keys excluded) with its path; `key` is the nearest mapping key above it. */
export function* strings(node: unknown, path: JsonPath = [], key = ''): Generator<{ path: JsonPath; key: string; value: string }> {
  if (typeof node === 'string') yield { path, key, value: node };
  else if (Array.isArray(node)) for (let i = 0; i < node.length; i++) yield* strings(node[i], [...path, i], key);
  else if (isMapping(node)) for (const [k, v] of Object.entries(node)) yield* strings(v, [...path, k], k);
}

/** The shell command fields as written (a preset's commands are pipewright's own), one entry per `sh` body. */
export function* commandFields(raw: Raw): Generator<{ path: JsonPath; script: string }> {
  const fields: JsonPath[] = [
    ['build', 'install'],
    ['build', 'lint'],
    ['build', 'test'],
    ['gates', 'sonarqube', 'command'],
    ...((raw.custom ?? []) as unknown[]).map((_, i): JsonPath => ['custom', i, 'run']),
  ];
  for (const path of fields) {
    const value = valueAt(raw, path);
    if (typeof value === 'string') yield { path, script: value };
    else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield { path: [...path, i], script: String(value[i]) };
  }
}
