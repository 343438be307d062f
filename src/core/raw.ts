// Reading the validated YAML object: a typed view, value lookup by path, and every string with its JSON path (shared by config/ and lint/).
import type { JsonPath } from './diagnostic.js';

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

/** The way from the root to a value, one step per link, innermost first: shared by siblings, so a walk copies no paths. */
interface Trail {
  segment: string | number;
  up: Trail | null;
}

/** A string of the config: its value, the nearest mapping key above it, and its path (built when a finding asks). */
export class StringAt {
  constructor(
    readonly value: string,
    readonly key: string,
    private readonly trail: Trail | null,
  ) {}

  get path(): JsonPath {
    const path: JsonPath = [];
    for (let t = this.trail; t; t = t.up) path.push(t.segment);
    return path.reverse();
  }
}

/** strings() of each object already walked: two rules and the output's secret masking read the same config's. */
const walked = new WeakMap<object, readonly StringAt[]>();

/** Every string in the object (keys excluded) with its path; `key` is the nearest mapping key above it. An array walk,
 * not delegating generators, which cost more per string than the rules that read them. The list is shared: read only. */
export function strings(node: unknown): readonly StringAt[] {
  const known = node !== null && typeof node === 'object' ? walked.get(node) : undefined;
  if (known) return known;
  const found: StringAt[] = [];
  const walk = (value: unknown, trail: Trail | null, key: string): void => {
    if (typeof value === 'string') found.push(new StringAt(value, key, trail));
    else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) walk(value[i], { segment: i, up: trail }, key);
    else if (isMapping(value)) for (const k of Object.keys(value)) walk(value[k], { segment: k, up: trail }, k);
  };
  walk(node, null, '');
  if (node !== null && typeof node === 'object') walked.set(node, found);
  return found;
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
