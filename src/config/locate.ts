// Maps a JSON path to a line and column in the source: by scanning lines where the YAML is plain block style, else by re-parsing with `yaml` (which keeps source ranges).
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { JsonPath } from '../core/diagnostic.js';
import { YAML_CORE_OPTIONS } from './yaml-core.js';
import { scanLocate } from './scan-locate.js';

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface Located {
  lineCounter: LineCounter;
  doc: ReturnType<typeof parseDocument>;
}

const cache = new WeakMap<object, Located>();
const textKeys = new Map<string, object>();

function parsed(text: string): Located {
  let key = textKeys.get(text);
  if (!key) {
    key = {};
    textKeys.clear();
    textKeys.set(text, key);
  }
  let located = cache.get(key);
  if (!located) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { ...YAML_CORE_OPTIONS, lineCounter, uniqueKeys: false, keepSourceTokens: false });
    located = { lineCounter, doc };
    cache.set(key, located);
  }
  return located;
}

/**
 * The source range of the node at `path`. With `key: true` the range of the last key instead of its value
 * (where an unknown key is reported). Falls back to the deepest node that exists.
 */
export function locate(text: string, path: JsonPath, options: { key?: boolean } = {}): Position {
  // A fleet's lint places a note on every config: composing each document for one position was a third of its time.
  return scanLocate(text, path, options.key === true) ?? composedLocate(text, path, options);
}

/** locate by composing the document with `yaml`: right for any YAML, and the reference scanLocate is tested against. */
export function composedLocate(text: string, path: JsonPath, options: { key?: boolean } = {}): Position {
  const { doc, lineCounter } = parsed(text);
  let node: unknown = doc.contents;
  let range: [number, number] | undefined = (doc.contents as Node | null)?.range?.slice(0, 2) as [number, number] | undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const keyNode = pair.key as Node;
      const valueNode = pair.value as Node | null;
      if (last && options.key) {
        range = keyNode.range?.slice(0, 2) as [number, number];
        break;
      }
      range = (valueNode?.range ?? keyNode.range)?.slice(0, 2) as [number, number];
      node = valueNode;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      range = item.range?.slice(0, 2) as [number, number];
      node = item;
    } else break;
  }
  const [start, end] = range ?? [0, 0];
  const s = lineCounter.linePos(start);
  const e = lineCounter.linePos(Math.max(start, end));
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}
