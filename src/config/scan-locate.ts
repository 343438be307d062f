// Finds a key's or a scalar's source range in plain block YAML by scanning lines, without building a document: what
// locate tries first. Anything it cannot read exactly as `yaml` would (flow collections, anchors, tags, block scalars,
// multi-line scalars, unusual keys) returns undefined, and locate composes the document instead.
import type { JsonPath } from '../core/diagnostic.js';
import type { Position } from './locate.js';
import { isItem, keyEnd, linesOf, nextContent, onlyCommentAfter, plainEnd, quoteEnd, skipSpaces, type Line } from './scan-lines.js';

/** A block collection to look into: the line and column where its first entry or item begins. */
interface Block {
  line: number;
  column: number;
}

/** A scalar (or key) found: its line and its columns, 0-based, end exclusive. */
interface Span {
  line: number;
  from: number;
  to: number;
}

/** Why the scan gives up: the full parse decides. */
const GIVE_UP = undefined;

/**
 * Whether the value written at `at` ends on its line: false for a quoted scalar or a flow collection left open, whose
 * next lines are its own whatever their indentation (and a lenient parser reads them so), so a line below that looks
 * like an entry or an item may not be one.
 */
function endsOnLine(text: string, at: number, end: number): boolean {
  let depth = 0;
  for (let i = at; i < end; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const after = quoteEnd(text, i, end);
      if (after === -1) return false;
      i = after - 1;
    } else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    // Outside a flow collection only the first value counts: a plain scalar, or a closed quote.
    if (depth <= 0) return true;
  }
  return depth <= 0; // an empty value ends on its line; an open flow collection does not
}

/**
 * The scalar written at `at` on its line (plain, or quoted on one line), or GIVE_UP. `block` is the column of the
 * collection holding it: a following line indented deeper would continue the scalar.
 */
function scalarAt(text: string, lines: readonly Line[], line: number, at: number, block: number): Span | undefined {
  const { start, end } = lines[line]!;
  const c = text[at]!;
  let to: number;
  if (c === "'" || c === '"') {
    to = quoteEnd(text, at, end);
    if (to === -1) return GIVE_UP;
    if (!onlyCommentAfter(text, to, end)) return GIVE_UP;
  } else {
    to = plainEnd(text, at, end);
    if (to === -1) return GIVE_UP;
  }
  const next = nextContent(lines, line + 1);
  if (next !== -1 && lines[next]!.indent > block) return GIVE_UP;
  return { line, from: at - start, to: to - start };
}

/**
 * What a key's value or an item is: a scalar on its line, a block collection below, or something the scan leaves.
 * `ofKey`: a mapping's value, which may be a sequence at the key's own indentation (an item's may not).
 */
function valueAt(text: string, lines: readonly Line[], line: number, at: number, block: number, ofKey: boolean): Span | Block | undefined {
  const { end } = lines[line]!;
  at = skipSpaces(text, at, end);
  if (at < end && text[at] !== '#') {
    if (isItem(text, at, end)) return GIVE_UP; // a compact nested sequence
    if (keyEnd(text, at, end) !== -1) return { line, column: at - lines[line]!.start }; // a compact mapping in an item
    return scalarAt(text, lines, line, at, block);
  }
  const next = nextContent(lines, line + 1);
  if (next === -1) return GIVE_UP; // null
  const below = lines[next]!;
  const first = below.start + below.indent;
  if (below.indent > block || (ofKey && below.indent === block && isItem(text, first, below.end))) return { line: next, column: below.indent };
  return GIVE_UP; // null
}

/** The entry of the block mapping at `block` whose key is `name`: the key's span and the value. */
function entryOf(text: string, lines: readonly Line[], block: Block, name: string): { key: Span; value: Span | Block | undefined } | undefined {
  const column = block.column;
  for (let i = block.line; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.empty) continue;
    // The first entry may follow a sequence's dash on the same line; the others begin their own lines.
    const at = i === block.line ? line.start + column : line.start + line.indent;
    if (i !== block.line) {
      if (line.indent < column) return GIVE_UP;
      if (line.indent > column || isItem(text, at, line.end)) continue; // inside an entry's value
    }
    const end = keyEnd(text, at, line.end);
    if (end === -1) return GIVE_UP;
    if (text.slice(at, end) !== name) {
      if (!endsOnLine(text, skipSpaces(text, end + 1, line.end), line.end)) return GIVE_UP;
      continue;
    }
    const key = { line: i, from: at - line.start, to: end - line.start };
    return { key, value: valueAt(text, lines, i, end + 1, column, true) };
  }
  return GIVE_UP;
}

/** Item `index` of the block sequence at `block`. */
function itemOf(text: string, lines: readonly Line[], block: Block, index: number): Span | Block | undefined {
  let seen = 0;
  for (let i = block.line; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.empty || line.indent > block.column) continue;
    const at = line.start + line.indent;
    if (line.indent < block.column || !isItem(text, at, line.end)) return GIVE_UP;
    if (seen++ === index) return valueAt(text, lines, i, at + 1, block.column, false);
    if (!endsOnLine(text, skipSpaces(text, at + 1, line.end), line.end)) return GIVE_UP;
  }
  return GIVE_UP;
}

const isSpan = (value: Span | Block): value is Span => 'from' in value;

/**
 * The range locate gives for `path` (with `key`, the last key's), when every step of the way is plain block YAML;
 * otherwise undefined.
 */
export function scanLocate(text: string, path: JsonPath, key: boolean): Position | undefined {
  if (path.length === 0 || text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return GIVE_UP;
  const lines = linesOf(text);
  const root = nextContent(lines, 0);
  if (root === -1) return GIVE_UP;
  const rootLine = lines[root]!;
  if (rootLine.indent !== 0 || /^(?:---|\.\.\.|%)/m.test(text)) return GIVE_UP;
  let node: Span | Block = { line: root, column: 0 };
  for (let i = 0; i < path.length; i++) {
    // A scalar where the path goes on: locate gives the deepest node that exists.
    if (isSpan(node)) break;
    const segment = path[i]!;
    const line = lines[node.line]!;
    const inSequence = isItem(text, line.start + node.column, line.end);
    let next: Span | Block | undefined;
    if (inSequence) {
      if (typeof segment !== 'number') return GIVE_UP;
      next = itemOf(text, lines, node, segment);
    } else {
      if (typeof segment !== 'string') return GIVE_UP;
      const entry = entryOf(text, lines, node, segment);
      if (!entry) return GIVE_UP;
      next = key && i === path.length - 1 ? entry.key : entry.value;
    }
    if (!next) return GIVE_UP;
    node = next;
  }
  // A collection's range ends where its last entry does: the full parse knows that.
  if (!isSpan(node)) return GIVE_UP;
  return { line: node.line + 1, column: node.from + 1, endLine: node.line + 1, endColumn: Math.max(node.from, node.to) + 1 };
}
