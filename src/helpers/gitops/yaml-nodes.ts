// Walking `yaml` documents for editing: pairs with their paths and ranges, lookups by key, and line-level insertion and removal of pairs.
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type Scalar, type YAMLError, type YAMLMap } from 'yaml';
import { HelperFailure } from '../shared/cli.js';
import { lineEnding, lineStartAt, newScalarText, nextLineStart, type Edit } from './splice.js';

/** Parses every document of a file, keeping source ranges; throws on a syntax error with its line, column and reason. */
export function parseDocuments(source: string, file?: string): Document[] {
  const docs = parseAllDocuments(source, { version: '1.2', keepSourceTokens: false, prettyErrors: true, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) throw new HelperFailure(`${file ? `${file} is ` : ''}not valid YAML${yamlErrorText(error)}`, { refused: 'invalid-yaml' });
  }
  return list as Document[];
}

/**
 * " at line L, column C: reason". The yaml package's pretty message is "Reason at line L, column C:" followed by a
 * code frame on the next lines; its first line alone would end at the colon with the reason before the position.
 */
function yamlErrorText(error: YAMLError): string {
  const reason = error.message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
  const at = error.linePos?.[0];
  const what = reason ? `${reason.charAt(0).toLowerCase()}${reason.slice(1)}` : error.code.toLowerCase().replace(/_/g, ' ');
  return at ? ` at line ${at.line}, column ${at.col}: ${what}` : `: ${what}`;
}

export type PathPart = string | number;

export function formatPath(path: PathPart[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function keyOf(pair: Pair): string | null {
  return isScalar(pair.key) ? String(pair.key.value) : null;
}

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyOf(p as Pair) === key) as Pair | undefined;
}

/** The value of map[key] when it is a scalar holding a string or number. */
export function scalarOf(map: YAMLMap, key: string): Scalar | undefined {
  const value = pairOf(map, key)?.value;
  return isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number') ? value : undefined;
}

/** The value of map[key] when a new value can be spliced in its place: a string, a number, or empty (null). */
export function settableScalarOf(map: YAMLMap, key: string): Scalar | undefined {
  const value = pairOf(map, key)?.value;
  return isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number' || value.value === null) ? value : undefined;
}

export function stringOf(map: YAMLMap, key: string): string | undefined {
  const s = scalarOf(map, key);
  return s === undefined ? undefined : String(s.value);
}

export function mapOf(map: YAMLMap, key: string): YAMLMap | undefined {
  const value = pairOf(map, key)?.value;
  return isMap(value) ? value : undefined;
}

/** Visits every map in a node tree with its path. */
export function visitMaps(node: unknown, path: PathPart[], visit: (map: YAMLMap, path: PathPart[]) => void): void {
  if (isMap(node)) {
    visit(node, path);
    for (const pair of node.items) {
      const key = isPair(pair) ? keyOf(pair) : null;
      if (key !== null) visitMaps(pair.value, [...path, key], visit);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => visitMaps(item, [...path, i], visit));
  }
}

/** Follows a dotted key path ("a.b.image") from the document root; undefined when any step is missing. */
export function nodeAtKeyPath(doc: Document, keyPath: string): Node | undefined {
  let node: unknown = doc.contents;
  for (const key of keyPath.split('.')) {
    if (!isMap(node)) return undefined;
    node = pairOf(node, key)?.value;
  }
  return (node ?? undefined) as Node | undefined;
}

/**
 * An edit inserting "key: value" into `map` right after the pair `after`. In a block map: on a new line after the
 * line where `after` ends, indented like `after`'s key (so it joins the same block map); only for block maps
 * written one pair per line. In a flow map ("{ repository: x, tag: y }"): ", key: value" right after `after`'s
 * value, on the same line, since a new line there would break the map.
 */
export function insertPairAfter(source: string, map: YAMLMap, after: Pair, key: string, value: string): Edit {
  const keyNode = after.key as Scalar;
  const valueNode = after.value as Node | null;
  if (!keyNode.range) throw new Error('pair without a source range');
  const end = valueNode?.range ? valueNode.range[1] : keyNode.range[1];
  if (map.flow) {
    // Flow context: a value holding flow indicators or ": " is quoted.
    const text = /^[A-Za-z0-9_.@+-]+$/.test(value) || /^sha256:[0-9a-fA-F]+$/.test(value) ? newScalarText(value) : JSON.stringify(value);
    return { start: end, end, text: `, ${key}: ${text}` };
  }
  const column = keyNode.range[0] - lineStartAt(source, keyNode.range[0]);
  if (isMap(valueNode) || isSeq(valueNode))
    throw new HelperFailure(`cannot insert "${key}" after a nested block; add "${key}:" to the file by hand once`, { refused: 'unsupported-manifest' });
  const at = nextLineStart(source, end);
  const eol = lineEnding(source);
  const line = `${' '.repeat(column)}${key}: ${newScalarText(value)}`;
  // A last line without a line break gets one before the new line, and the file still ends without one.
  if (at === source.length && !source.endsWith('\n')) return { start: at, end: at, text: `${eol}${line}` };
  return { start: at, end: at, text: `${line}${eol}` };
}

/**
 * An edit removing a pair of `map`: in a block map the pair's own line(s), refusing a pair that shares its line with
 * "- " or other content; in a flow map ("{ name: x, digest: y }") the pair and the comma that joins it to a neighbour.
 */
export function removePairLine(source: string, map: YAMLMap, pair: Pair): Edit {
  const keyNode = pair.key as Scalar;
  const valueNode = pair.value as Node | null;
  if (!keyNode.range) throw new Error('pair without a source range');
  if (map.flow) {
    const index = map.items.indexOf(pair);
    const end = valueNode?.range ? valueNode.range[1] : keyNode.range[1];
    const before = map.items[index - 1] as Pair | undefined;
    if (before) {
      const previousEnd = (before.value as Node | null)?.range?.[1] ?? (before.key as Scalar).range![1];
      return { start: previousEnd, end, text: '' };
    }
    const after = map.items[index + 1] as Pair | undefined;
    return { start: keyNode.range[0], end: after ? (after.key as Scalar).range![0] : end, text: '' };
  }
  const start = lineStartAt(source, keyNode.range[0]);
  if (source.slice(start, keyNode.range[0]).trim() !== '')
    throw new HelperFailure(`cannot remove "${keyOf(pair)}": it shares its line with other content`, { refused: 'unsupported-manifest' });
  const end = nextLineStart(source, valueNode?.range ? valueNode.range[1] : keyNode.range[1]);
  // Removing the file's last line, which has no line break: take the break before it instead.
  if (end === source.length && !source.endsWith('\n')) {
    const eolStart = source[start - 2] === '\r' ? start - 2 : start - 1;
    return { start: Math.max(0, eolStart), end, text: '' };
  }
  return { start, end, text: '' };
}

/** An edit rewriting a whole "key: value" pair (value comment kept) as another key and value, in place. */
export function replacePair(pair: Pair, key: string, value: string): Edit {
  const keyNode = pair.key as Scalar;
  const valueNode = pair.value as Node | null;
  if (!keyNode.range || !valueNode?.range) throw new Error('pair without a source range');
  return { start: keyNode.range[0], end: valueNode.range[1], text: `${key}: ${newScalarText(value)}` };
}
