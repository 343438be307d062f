// From bytes to text: size limit, binary content, strict UTF-8 with the position of the first bad byte.
import { inputLimit, INPUT_LIMITS, InputRefused, MAX_INPUT_ENV, readBounded } from '../helpers/shared/bounded-read.js';

/** pipeline.yaml's default size cap (PIPEWRIGHT_MAX_INPUT_MB raises it; see configLimit). */
export const MAX_FILE_BYTES = INPUT_LIMITS.config;

/** The size cap in force for pipeline.yaml. */
export const configLimit = (): number => inputLimit('config');

/** Loader rule ids that mean the input could not be read as text at all (the CLI exits 2 for these). */
export const UNREADABLE_RULES: ReadonlySet<string> = new Set(['unreadable', 'encoding', 'file-too-large']);

export interface TextProblem {
  ruleId: 'unreadable' | 'encoding' | 'file-too-large';
  message: string;
  line: number;
  column: number;
}

export type TextResult = { text: string; problem?: undefined } | { text?: undefined; problem: TextProblem };

const problem = (ruleId: TextProblem['ruleId'], message: string, line = 1, column = 1): TextResult => ({
  problem: { ruleId, message, line, column },
});

const tooLarge = (): TextResult =>
  problem(
    'file-too-large',
    `the file is larger than pipeline.yaml may be (${configLimit()} bytes); is this the right file? (${MAX_INPUT_ENV} raises the limit)`,
  );

/** One read buffer per process, not per file: zero-filling 1 MiB for every config dominated `gen` over a fleet. */
let readBuffer: Buffer | undefined;

/**
 * Reads the file through the shared bounded reader: regular files only (a FIFO, /dev/zero or a folder is refused at
 * once, never waited on or read without end), at most the size cap + 1 bytes. Errors name the errno code, which says
 * what to do (ENOENT, EACCES).
 */
export function readTextFile(file: string): TextResult {
  const limit = configLimit();
  try {
    // Safe to reuse: reading is synchronous and decodeBytes copies the bytes into a string.
    if (!readBuffer || readBuffer.length <= limit) readBuffer = Buffer.allocUnsafe(limit + 1);
    return decodeBytes(readBounded(file, 'the file', limit, readBuffer));
  } catch (error) {
    if (!(error instanceof InputRefused)) throw error;
    if (error.reason === 'too-large') return tooLarge();
    if (error.reason === 'not-a-file') {
      return problem(
        'unreadable',
        /a folder/.test(error.message) ? 'this is a folder, not a file; name the pipeline.yaml inside it' : `${error.message.replace(/^the file/, 'this')}`,
      );
    }
    return problem('unreadable', `cannot read the file (${error.code ?? error.message}); check the path and its permissions`);
  }
}

/** The byte offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) ((need = 1), (min = 0x80));
    else if (b >= 0xe0 && b <= 0xef) ((need = 2), (min = 0x800));
    else if (b >= 0xf0 && b <= 0xf4) ((need = 3), (min = 0x10000));
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/** Line and column (1-based, column in UTF-16 units as editors count) of a byte offset in valid UTF-8 bytes before it. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = Buffer.from(bytes.subarray(lineStart, offset))
    .toString('utf8')
    .replace(/^\uFEFF/, lineStart === 0 ? '' : '\uFEFF');
  return { line, column: prefix.length + 1 };
}

/** Decodes UTF-8 text (a leading byte-order mark dropped); binary or non-UTF-8 bytes become a positioned problem. */
export function decodeBytes(bytes: Uint8Array): TextResult {
  if (bytes.length > configLimit()) return tooLarge();
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return problem('encoding', 'the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8');
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { line, column } = bytePosition(bytes, nul);
    return problem('encoding', 'the file contains a NUL byte, so it is binary, not YAML text; is this the right file?', line, column);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    const { line, column } = bytePosition(bytes, bad);
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    return problem('encoding', `the byte 0x${hex} is not UTF-8; save the file as UTF-8`, line, column);
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
