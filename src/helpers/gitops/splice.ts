// Source splicing: edits are byte ranges of the original text replaced in place, so everything outside them survives exactly (comments, quoting, CRLF, a missing final newline).
import { parse as parseYaml, Scalar } from 'yaml';
import { HelperFailure } from '../shared/cli.js';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits to source; throws when two edits overlap (a bug in the caller). */
export function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start < sorted[i - 1]!.end) throw new Error(`overlapping edits at offset ${sorted[i]!.start}`);
  }
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    out += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + source.slice(cursor);
}

/** The line ending the file already uses ("\r\n" when its first line ends so). */
export function lineEnding(source: string): string {
  const nl = source.indexOf('\n');
  return nl > 0 && source[nl - 1] === '\r' ? '\r\n' : '\n';
}

export function lineStartAt(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just past the line break of the line holding offset (source.length when it is the last line without one). */
export function nextLineStart(source: string, offset: number): number {
  const nl = source.indexOf('\n', offset);
  return nl < 0 ? source.length : nl + 1;
}

export function lineNumberAt(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

/** True when a plain (unquoted) scalar reads back as this exact string under the YAML 1.2 core schema. */
function safeAsPlain(value: string): boolean {
  if (!/^[A-Za-z0-9_./@+-][A-Za-z0-9_./:@+-]*$/.test(value) || value.endsWith(':')) return false;
  try {
    return parseYaml(value) === value;
  } catch {
    return false;
  }
}

/** The source text for a new value of an existing scalar, in the scalar's own quoting style where the value allows it. */
export function scalarSourceText(node: Scalar, value: string): string {
  switch (node.type) {
    case 'QUOTE_SINGLE':
      return `'${value.replace(/'/g, "''")}'`;
    case 'QUOTE_DOUBLE':
      return JSON.stringify(value);
    case 'PLAIN':
    case undefined:
      return safeAsPlain(value) ? value : JSON.stringify(value);
    default:
      throw new HelperFailure(`cannot rewrite a ${node.type} scalar; write the value on one line`, { refused: 'unsupported-manifest' });
  }
}

/**
 * An edit that replaces a scalar's value (not its comment) with value. An empty value ("key:" or "key:  # note")
 * has an empty range just after the colon or at the comment: the new value gets a space before it, and one after it
 * when something (a comment) follows, so it neither joins the colon nor swallows the comment.
 */
export function replaceScalar(source: string, node: Scalar, value: string): Edit {
  const range = node.range;
  if (!range) throw new Error('scalar without a source range');
  const text = scalarSourceText(node, value);
  if (range[0] !== range[1]) return { start: range[0], end: range[1], text };
  const before = /\s/.test(source[range[0] - 1] ?? '') ? '' : ' ';
  const next = source[range[0]];
  const after = next !== undefined && !/\s/.test(next) ? ' ' : '';
  return { start: range[0], end: range[1], text: `${before}${text}${after}` };
}

/** A fresh scalar written as plain text where safe, else double-quoted. */
export function newScalarText(value: string): string {
  return safeAsPlain(value) ? value : JSON.stringify(value);
}
