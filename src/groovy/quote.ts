// Groovy string literals for generated code: the only place user data is turned into Groovy source.

/** Escapes one code point for a Groovy single-quoted literal; `raw` newlines are kept only in triple-quoted ones. */
function escapeCodePoint(ch: string, keepNewline: boolean): string {
  switch (ch) {
    case '\\':
      return '\\\\';
    case "'":
      return "\\'";
    case '\n':
      return keepNewline ? '\n' : '\\n';
    // A raw \r does not compile inside '...' and turns into \n inside '''...''': always escape it.
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    default: {
      const code = ch.codePointAt(0)!;
      // Other control characters as three-digit octal escapes: a \u escape would be decoded by
      // Groovy's reader before lexing, and a shorter octal escape could swallow a following digit.
      if (code < 0x20 || code === 0x7f) return `\\${code.toString(8).padStart(3, '0')}`;
      return ch;
    }
  }
}

/** What escapeCodePoint changes: most values (names, images, URLs) hold none of it and are returned as they are. */
const ESCAPED = /[\\'\u0000-\u001f\u007f]/;

function escapeBody(value: string, keepNewline: boolean): string {
  if (!ESCAPED.test(value)) return value;
  let out = '';
  for (const ch of value) out += escapeCodePoint(ch, keepNewline);
  return out;
}

/** A single-quoted Groovy literal: never interpolated, one line whatever the input. */
export function groovyString(value: string): string {
  return `'${escapeBody(value, false)}'`;
}

/** A triple-single-quoted Groovy literal keeping line breaks readable: for multi-line shell scripts. */
export function groovyMultilineString(value: string): string {
  return `'''${escapeBody(value, true)}'''`;
}

/** The literal a script reads best as: triple-quoted when it spans lines, single-quoted otherwise. */
export function groovyScript(value: string): string {
  return value.includes('\n') ? groovyMultilineString(value) : groovyString(value);
}

/** Thrown for text that no Groovy comment can hold safely; the CLI reports it as bad input (exit 2). */
export class UnsafeGroovyText extends Error {
  constructor(readonly text: string) {
    super(
      `${JSON.stringify(text)} cannot be named in a generated Groovy comment: it holds a line break, a control character ` +
        'or a backslash; rename the file or folder',
    );
    this.name = 'UnsafeGroovyText';
  }
}

/**
 * Characters a comment cannot hold: C0 and C1 controls (\n and \r end a `//` comment), DEL, the Unicode line and
 * paragraph separators, and `\` because Groovy's reader decodes `\u000a` into a line break before it lexes anything,
 * comments included (org.codehaus.groovy.antlr.UnicodeEscapingReader). A comment has no escapes, so these are refused.
 */
const UNSAFE_IN_COMMENT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;

/** `text` unchanged when a comment can hold it, else UnsafeGroovyText: the only way text reaches a generated comment. */
export function groovyCommentText(text: string): string {
  if (UNSAFE_IN_COMMENT.test(text)) throw new UnsafeGroovyText(text);
  return text;
}

/** A `//` line comment holding `text` exactly (see groovyCommentText). */
export function groovyLineComment(text: string): string {
  return `// ${groovyCommentText(text)}`;
}

/** A YAML double-quoted scalar (JSON strings are YAML 1.2 double-quoted scalars), for pod templates. */
export function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** A Groovy number literal; refuses anything that is not a finite number, so nothing else can slip in. */
export function groovyNumber(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`not a finite number: ${String(value)}`);
  return String(value);
}
