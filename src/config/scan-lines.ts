// The line primitives of the plain block YAML scans (scan-locate.ts, scan-load.ts): lines with their indentation,
// plain keys, quoted scalars and sequence dashes, each read exactly as the YAML 1.2 core schema reads them.

export interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** Offset of the line's end (its newline, or the text's end). */
  end: number;
  /** Leading spaces. */
  indent: number;
  /** Blank or only a comment: not part of the structure. */
  empty: boolean;
}

// A plain key that the YAML 1.2 core schema reads as the string it spells: a letter or underscore first (so no number,
// no indicator, no .inf), then word characters, dots, slashes, dashes and single inner spaces.
const PLAIN_KEY = /[A-Za-z_][\w./-]*(?: [\w./-]+)*/y;
const NOT_STRINGS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);
// A value starting with one of these is not a plain scalar this scan reads (flow collections, block scalars, anchors,
// aliases, tags, reserved and comment characters).
const NOT_PLAIN_START = new Set(['[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', '%', '@', '`']);

/** The last text's lines: the loader's scan and then locate, placing that config's findings, read the same text. */
let last: { text: string; lines: readonly Line[] } | undefined;

/** The lines of `text` (shared with the next caller for the same text: read only). */
export function linesOf(text: string): readonly Line[] {
  if (last?.text === text) return last.lines;
  const lines: Line[] = [];
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let indent = 0;
    while (text.charCodeAt(start + indent) === 32) indent++;
    const first = start + indent;
    lines.push({ start, end, indent, empty: first >= end || text[first] === '#' });
    start = end + 1;
  }
  last = { text, lines };
  return lines;
}

/** The first offset at or after `at` (before `end`) that is not a space. */
export function skipSpaces(text: string, at: number, end: number): number {
  while (at < end && text[at] === ' ') at++;
  return at;
}

/** The next line at or after `from` that holds structure, or -1. */
export function nextContent(lines: readonly Line[], from: number): number {
  for (let i = from; i < lines.length; i++) if (!lines[i]!.empty) return i;
  return -1;
}

/** The plain key at `at` ending in `:` followed by a space or the line's end: its end offset, or -1 when there is none. */
export function keyEnd(text: string, at: number, lineEnd: number): number {
  // test(), not exec(): the sticky pattern's lastIndex is where the key ends, with no match array made per key.
  PLAIN_KEY.lastIndex = at;
  if (!PLAIN_KEY.test(text)) return -1;
  const end = PLAIN_KEY.lastIndex;
  if (end >= lineEnd || text[end] !== ':') return -1;
  if (end + 1 < lineEnd && text[end + 1] !== ' ') return -1;
  return end - at <= 5 && NOT_STRINGS.has(text.slice(at, end)) ? -1 : end;
}

/** The offset just past the quoted scalar opening at `at` (`'…'` with `''`, `"…"` with backslash escapes), or -1 when it does not close before `end`. */
export function quoteEnd(text: string, at: number, end: number): number {
  const quote = text[at];
  for (let i = at + 1; i < end; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** Whether nothing but spaces, or spaces and then a comment, follows offset `to` on a line ending at `end` (after a closed quote or bracket). */
export function onlyCommentAfter(text: string, to: number, end: number): boolean {
  const rest = skipSpaces(text, to, end);
  return rest === end || (text[rest] === '#' && rest > to);
}

/** A dash that starts a sequence item at `at`: `-` followed by a space or the line's end. */
export const isItem = (text: string, at: number, lineEnd: number): boolean => text[at] === '-' && (at + 1 === lineEnd || text[at + 1] === ' ');

/**
 * The end of the plain scalar at `at` on a line ending at `end` (before a ` #` comment, trailing spaces not counted),
 * or -1 when it is not one the scans read: an indicator first (`-`, `?` and `:` only before a space or the line's
 * end), or `: ` inside it or `:` at its end, a nested mapping that the parsers refuse. Only the line is looked at.
 */
export function plainEnd(text: string, at: number, end: number): number {
  const c = text[at]!;
  if (NOT_PLAIN_START.has(c) || ((c === '-' || c === '?' || c === ':') && (at + 1 === end || text[at + 1] === ' '))) return -1;
  let to = end;
  for (let i = at + 1; i < end; i++) {
    if (text[i] === '#' && text[i - 1] === ' ') {
      to = i - 1;
      break;
    }
  }
  while (to > at && text[to - 1] === ' ') to--;
  for (let i = at; i < to; i++) if (text[i] === ':' && (i + 1 === to || text[i + 1] === ' ')) return -1;
  return to;
}
