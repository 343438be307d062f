// Reads plain block YAML into its value by scanning lines, without js-yaml's character-level parse: what the config
// loader tries first. Anything it cannot read exactly as js-yaml would (see scanLoad) returns undefined, and the loader
// parses with js-yaml instead, which also reports every error.
import { isItem, keyEnd, linesOf, nextContent, onlyCommentAfter, plainEnd, quoteEnd, skipSpaces, type Line } from './scan-lines.js';
import { plainScalarValue } from './yaml-core.js';

/** Why the scan gives up: js-yaml decides. */
const GIVE_UP = undefined;

/** Thrown to give up from deep inside a collection, and caught by scanLoad only (a config js-yaml must read). */
const GIVE_UP_SIGNAL = new Error('the scan gives up');
const giveUp = (): never => {
  throw GIVE_UP_SIGNAL;
};

/** Only printable ASCII and newlines: js-yaml refuses some control and non-characters, and the scan reads ASCII alone. */
const NOT_PLAIN_ASCII = /[^\n\x20-\x7e]/;
/** A plain flow item the scan leaves: an indicator first (`-`, `?` and `:` when a space follows), or a colon, comment sign, quote or bracket anywhere. */
const FLOW_ITEM_LEFT = /^(?:[&*!|>%@`]|[-?:](?: |$))|[[\]{}#:"']/;

class Scanner {
  /** The first line after the value read last (each read sets it: values come back alone, with no tuple made per value). */
  nextLine = 0;
  /** The offset just after the quoted scalar or flow sequence read last. */
  private to = 0;

  constructor(
    readonly text: string,
    readonly lines: readonly Line[],
  ) {}

  /** The first offset of line `i`'s content. */
  private first(i: number): number {
    const line = this.lines[i]!;
    return line.start + line.indent;
  }

  /** The block collection whose first line is `i` (a mapping or a sequence at that line's indentation). */
  block(i: number): unknown {
    const at = this.first(i);
    return isItem(this.text, at, this.lines[i]!.end) ? this.sequence(i, this.lines[i]!.indent) : this.mapping(i, this.lines[i]!.indent, at);
  }

  /**
   * The block mapping whose keys are at `column`, its first key at offset `at` of line `i` (after a dash for a mapping
   * in a sequence item, else at the line's indentation).
   */
  mapping(i: number, column: number, at: number): unknown {
    const { text, lines } = this;
    const map: Record<string, unknown> = {};
    for (;;) {
      const line = lines[i]!;
      const end = keyEnd(text, at, line.end);
      if (end === -1) giveUp();
      const key = text.slice(at, end);
      // A duplicate (js-yaml refuses it), or a name Object.prototype holds (__proto__, constructor…), js-yaml's to read:
      // the scan never stores undefined.
      if (map[key] !== undefined) giveUp();
      map[key] = this.valueAfter(i, end + 1, column, true);
      const n = nextContent(lines, this.nextLine);
      if (n === -1) return this.ends(map, lines.length);
      const below = lines[n]!;
      if (below.indent < column) return this.ends(map, n);
      // Deeper is no entry of this mapping (a scalar's continuation, or an error); at its column, keyEnd gives up on
      // anything but a plain key.
      if (below.indent > column) giveUp();
      i = n;
      at = this.first(n);
    }
  }

  /** The block sequence whose dashes are at `column`, the first on line `i`. */
  sequence(i: number, column: number): unknown {
    const { text, lines } = this;
    const items: unknown[] = [];
    for (;;) {
      items.push(this.valueAfter(i, lines[i]!.start + column + 1, column, false));
      const n = nextContent(lines, this.nextLine);
      if (n === -1) return this.ends(items, lines.length);
      const below = lines[n]!;
      if (below.indent < column || (below.indent === column && !isItem(text, this.first(n), below.end))) return this.ends(items, n);
      if (below.indent > column) giveUp();
      i = n;
    }
  }

  /**
   * The value that follows a key's colon or an item's dash at offset `at` of line `i`, in the collection at `column`:
   * a scalar or flow sequence on the line, a mapping begun on the line (an item's), a block below, or null.
   */
  private valueAfter(i: number, at: number, column: number, ofKey: boolean): unknown {
    const { text, lines } = this;
    const line = lines[i]!;
    at = skipSpaces(text, at, line.end);
    if (at < line.end && text[at] !== '#') {
      if (isItem(text, at, line.end)) giveUp(); // a compact nested sequence, or a dash after a key
      if (keyEnd(text, at, line.end) !== -1) {
        if (ofKey) giveUp(); // `a: b: c`
        return this.mapping(i, at - line.start, at);
      }
      // A line below indented deeper would continue the scalar (or be an error): the collection gives up on it.
      return this.ends(this.inline(at, line.end), i + 1);
    }
    const n = nextContent(lines, i + 1);
    if (n !== -1) {
      const below = lines[n]!;
      if (below.indent > column || (ofKey && below.indent === column && isItem(text, this.first(n), below.end))) return this.block(n);
    }
    return this.ends(null, i + 1);
  }

  /** `value`, read up to line `next`. */
  private ends(value: unknown, next: number): unknown {
    this.nextLine = next;
    return value;
  }

  /** A scalar or flow sequence written at `at`, alone on its line up to `end` but for a comment. */
  private inline(at: number, end: number): unknown {
    const { text } = this;
    const c = text[at]!;
    let value: unknown;
    if (c === '"' || c === "'") value = this.quoted(at, end);
    else if (c === '[') value = this.flowSequence(at, end);
    else {
      const to = plainEnd(text, at, end);
      if (to === -1) giveUp();
      return plainScalarValue(text.slice(at, to));
    }
    if (!onlyCommentAfter(text, this.to, end)) giveUp();
    return value;
  }

  /** A quoted scalar on one line without escapes (`\` in double quotes, `''` in single); `to` is set to its end. */
  private quoted(at: number, end: number): string {
    const to = quoteEnd(this.text, at, end);
    if (to === -1) giveUp();
    const value = this.text.slice(at + 1, to - 1);
    if (this.text[at] === '"' ? value.includes('\\') : value.includes("'")) giveUp();
    this.to = to;
    return value;
  }

  /** A flow sequence on one line of plain or quoted scalars (`[CRITICAL, HIGH]`, `["slack:#deploys"]`); `to` is set to its end. */
  private flowSequence(at: number, end: number): unknown[] {
    const { text } = this;
    const items: unknown[] = [];
    let i = skipSpaces(text, at + 1, end);
    if (text[i] === ']') return this.flowEnds(items, i + 1);
    for (;;) {
      const c = text[i];
      if (c === '"' || c === "'") {
        items.push(this.quoted(i, end));
        i = this.to;
      } else {
        // A plain item: up to the next `,` or `]`; anything flow-significant or ambiguous inside it is js-yaml's to read.
        let to = i;
        while (to < end && text[to] !== ',' && text[to] !== ']') to++;
        let last = to;
        while (last > i && text[last - 1] === ' ') last--;
        const plain = text.slice(i, last);
        if (plain === '' || FLOW_ITEM_LEFT.test(plain)) giveUp();
        items.push(plainScalarValue(plain));
        i = to;
      }
      i = skipSpaces(text, i, end);
      if (text[i] === ']') return this.flowEnds(items, i + 1);
      if (text[i] !== ',') giveUp();
      i = skipSpaces(text, i + 1, end); // an empty item next (a trailing comma, the line's end) gives up
    }
  }

  private flowEnds(items: unknown[], to: number): unknown[] {
    this.to = to;
    return items;
  }
}

/**
 * The value of `text` when it is plain block YAML with a mapping at its root, exactly as js-yaml loads it under the
 * YAML 1.2 core schema (src/config/yaml-core.ts); undefined when the text has anything else: non-ASCII or control
 * characters, tabs, CRLF, document markers and directives, flow mappings, nested or multi-line flow sequences, anchors, aliases, tags,
 * block or multi-line scalars, escapes in quotes, quoted, numeric, boolean or null keys, duplicate keys, `__proto__`,
 * or any error. test/config/scan-load.test.ts holds it to js-yaml on every YAML file in the repository and on generated
 * and mutated documents.
 */
export function scanLoad(text: string): Record<string, unknown> | undefined {
  if (NOT_PLAIN_ASCII.test(text)) return GIVE_UP;
  const lines = linesOf(text);
  const root = nextContent(lines, 0);
  if (root === -1 || lines[root]!.indent !== 0) return GIVE_UP;
  const scanner = new Scanner(text, lines);
  try {
    if (isItem(text, lines[root]!.start, lines[root]!.end)) return GIVE_UP;
    const value = scanner.mapping(root, 0, lines[root]!.start);
    return scanner.nextLine === lines.length ? (value as Record<string, unknown>) : GIVE_UP;
  } catch (error) {
    if (error === GIVE_UP_SIGNAL) return GIVE_UP;
    throw error;
  }
}
