// A small, dependency-free XML reader for test and coverage reports: elements, attributes, text, CDATA and entities; malformed input is an error with line:column.
import { ReportFormatError } from './format-error.js';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (text and CDATA), concatenated, entities decoded. */
  text: string;
}

export class XmlError extends ReportFormatError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`malformed XML at line ${line}, column ${column}: ${message}`);
    this.name = 'XmlError';
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7-\uFFFF]*/y;
const SPACE = /[ \t\r\n]*/y;
/** Deeper nesting than any report needs; beyond it the reader would exhaust the stack, so it is refused as malformed. */
export const MAX_DEPTH = 500;

/** Parses a whole document and returns its root element; anything not well-formed throws XmlError. */
export function parseXml(source: string): XmlElement {
  return new Reader(source).document();
}

/** Every descendant element named `name`, depth first, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const child of e.children) {
      if (child.name === name) out.push(child);
      walk(child);
    }
  };
  walk(element);
  return out;
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

class Reader {
  private pos = 0;
  private depth = 0;

  constructor(private readonly src: string) {
    // A byte order mark is not part of the document.
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  document(): XmlElement {
    this.misc(true);
    if (this.pos >= this.src.length) this.fail(this.src.trim() === '' ? 'the document is empty' : 'no root element');
    if (this.src[this.pos] !== '<') this.fail('text before the root element');
    const root = this.element();
    this.misc(false);
    if (this.pos < this.src.length) this.fail(this.src[this.pos] === '<' ? 'a second root element' : 'text after the root element');
    return root;
  }

  /** Skips whitespace, comments, processing instructions and (before the root) the DOCTYPE. */
  private misc(prolog: boolean): void {
    for (;;) {
      this.skipSpace();
      if (this.startsWith('<?')) this.skipPast('?>', 'processing instruction');
      else if (this.startsWith('<!--')) this.comment();
      else if (prolog && this.startsWith('<!DOCTYPE')) this.doctype();
      else return;
    }
  }

  private element(): XmlElement {
    if (++this.depth > MAX_DEPTH) this.fail(`elements nested deeper than ${MAX_DEPTH}`);
    try {
      return this.elementBody();
    } finally {
      this.depth--;
    }
  }

  private elementBody(): XmlElement {
    this.expect('<');
    const name = this.name('element name');
    const attributes: Record<string, string> = {};
    for (;;) {
      const hadSpace = this.skipSpace();
      if (this.startsWith('/>')) {
        this.pos += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (this.startsWith('>')) {
        this.pos += 1;
        break;
      }
      if (this.pos >= this.src.length) this.fail(`unclosed start tag <${name}>`);
      if (!hadSpace) this.fail(`expected whitespace, ">" or "/>" in <${name}>`);
      const attr = this.name('attribute name');
      if (Object.hasOwn(attributes, attr)) this.fail(`duplicate attribute "${attr}" on <${name}>`);
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      attributes[attr] = this.attributeValue();
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (this.pos >= this.src.length) this.fail(`<${name}> is never closed`);
      if (this.startsWith('</')) {
        this.pos += 2;
        const closing = this.name('closing tag name');
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`);
        this.skipSpace();
        this.expect('>');
        return { name, attributes, children, text };
      }
      if (this.startsWith('<!--')) this.comment();
      else if (this.startsWith('<![CDATA[')) {
        const end = this.src.indexOf(']]>', this.pos + 9);
        if (end < 0) this.fail('unterminated CDATA section');
        text += this.src.slice(this.pos + 9, end);
        this.pos = end + 3;
      } else if (this.startsWith('<?')) this.skipPast('?>', 'processing instruction');
      else if (this.startsWith('<')) children.push(this.element());
      else text += this.charData();
    }
  }

  private charData(): string {
    let out = '';
    while (this.pos < this.src.length && this.src[this.pos] !== '<') {
      const amp = this.src.indexOf('&', this.pos);
      const lt = this.src.indexOf('<', this.pos);
      const stop = lt < 0 ? this.src.length : lt;
      if (amp < 0 || amp > stop) {
        out += this.src.slice(this.pos, stop);
        this.pos = stop;
      } else {
        out += this.src.slice(this.pos, amp);
        this.pos = amp;
        out += this.entity();
      }
    }
    return out;
  }

  private attributeValue(): string {
    const quote = this.src[this.pos];
    if (quote !== '"' && quote !== "'") this.fail('attribute value must be quoted');
    this.pos += 1;
    let out = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail('unterminated attribute value');
      if (c === quote) {
        this.pos += 1;
        return out;
      }
      if (c === '<') this.fail('"<" inside an attribute value');
      if (c === '&') out += this.entity();
      else {
        // Attribute value normalisation: literal whitespace characters become spaces (a &#10; stays a line break).
        out += c === '\n' || c === '\r' || c === '\t' ? ' ' : c;
        this.pos += 1;
      }
    }
  }

  private entity(): string {
    const end = this.src.indexOf(';', this.pos);
    if (end < 0 || end - this.pos > 12) this.fail('"&" must start an entity such as &amp;');
    const body = this.src.slice(this.pos + 1, end);
    let value: string | undefined;
    if (/^#[0-9]+$/.test(body)) value = this.codePoint(Number(body.slice(1)));
    else if (/^#x[0-9A-Fa-f]+$/.test(body)) value = this.codePoint(parseInt(body.slice(2), 16));
    else value = PREDEFINED[body];
    if (value === undefined) this.fail(`unknown entity "&${body};"`);
    this.pos = end + 1;
    return value;
  }

  private codePoint(n: number): string {
    if (n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) this.fail(`character reference &#${n}; is not a valid character`);
    return String.fromCodePoint(n);
  }

  private comment(): void {
    const end = this.src.indexOf('-->', this.pos + 4);
    if (end < 0) this.fail('unterminated comment');
    this.pos = end + 3;
  }

  /** Skips <!DOCTYPE …>, including an internal subset in brackets; entity declarations in it are not supported. */
  private doctype(): void {
    let depth = 0;
    for (let i = this.pos; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '"' || c === "'") {
        const close = this.src.indexOf(c, i + 1);
        if (close < 0) break;
        i = close;
      } else if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth === 0) {
        this.pos = i + 1;
        return;
      }
    }
    this.fail('unterminated DOCTYPE');
  }

  private name(what: string): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.src);
    if (!m) this.fail(this.pos >= this.src.length ? `unexpected end of input, expected ${what}` : `expected ${what}`);
    this.pos += m[0].length;
    return m[0];
  }

  private skipSpace(): boolean {
    SPACE.lastIndex = this.pos;
    const m = SPACE.exec(this.src)!;
    this.pos += m[0].length;
    return m[0].length > 0;
  }

  private skipPast(end: string, what: string): void {
    const at = this.src.indexOf(end, this.pos + 2);
    if (at < 0) this.fail(`unterminated ${what}`);
    this.pos = at + end.length;
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  private expect(s: string): void {
    if (!this.startsWith(s)) this.fail(this.pos >= this.src.length ? `unexpected end of input, expected "${s}"` : `expected "${s}"`);
    this.pos += s.length;
  }

  private fail(message: string): never {
    const before = this.src.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    throw new XmlError(message, line, column);
  }
}
