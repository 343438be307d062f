// The one reader for every file pipewright takes in (configs, org files, manifests, reports, option files): regular files only, at most a size cap per kind of input.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The kinds of input, each with its own cap: big enough for real files, far below what would exhaust memory. */
export const INPUT_LIMITS = {
  /** pipeline.yaml */
  config: 1024 * 1024,
  /** the org defaults file `extends` names or `lib --org` reads */
  org: 1024 * 1024,
  /** JSON files named by a helper option (checks, expectations) */
  option: 1024 * 1024,
  /** repository files `init` inspects */
  project: 1024 * 1024,
  /** manifests, kustomizations, Helm values and the resources a kustomization lists */
  manifest: 8 * 1024 * 1024,
  /** an HTTP response body (Argo CD, Slack, Prometheus, GitHub, health checks) */
  http: 8 * 1024 * 1024,
  /** JUnit, coverage and Trivy reports */
  report: 100 * 1024 * 1024,
  /** an existing generated file (Jenkinsfile, vars/, resources/) that gen or lib compares with what it would write */
  generated: 8 * 1024 * 1024,
  /** build records and backup manifests pipewright wrote itself */
  record: 64 * 1024 * 1024,
} as const;

export type InputKind = keyof typeof INPUT_LIMITS;

/** The environment variable (and, for helpers, the --max-input-mb option) that raises every cap to this many MiB. */
export const MAX_INPUT_ENV = 'PIPEWRIGHT_MAX_INPUT_MB';

let override: number | null = null;

/** Raises every cap to `mb` MiB for this process (helpers' --max-input-mb); null restores the defaults. */
export function setMaxInputMb(mb: number | null): void {
  override = mb;
}

/** The cap for a kind of input: its default, or the raised one when an option or MAX_INPUT_ENV asks for more. */
export function inputLimit(kind: InputKind, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env[MAX_INPUT_ENV]);
  const mb = override ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : null);
  return mb === null ? INPUT_LIMITS[kind] : Math.max(INPUT_LIMITS[kind], Math.floor(mb * 1024 * 1024));
}

/** Why an input was refused; `reason` lets callers choose their exit code and wording. */
export class InputRefused extends Error {
  constructor(
    message: string,
    readonly reason: 'not-a-file' | 'too-large' | 'unreadable',
    readonly code?: string,
  ) {
    super(message);
    this.name = 'InputRefused';
  }
}

const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`;

/** The error for input over its cap, saying how to raise it. */
export function tooLargeError(what: string, size: number, limit: number): InputRefused {
  return new InputRefused(
    `${what} is larger than ${mib(limit)} (${size > limit ? `${size} bytes` : 'it grew while being read'}); raise the limit with ${MAX_INPUT_ENV} or --max-input-mb if it is right`,
    'too-large',
  );
}

function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads `file` whole, or throws InputRefused: it is not a regular file (a FIFO, a device such as /dev/zero, a folder,
 * a socket), it holds more than `limit` bytes, or it cannot be opened. The open never blocks (O_NONBLOCK: opening a
 * FIFO with no writer would wait forever) and at most limit + 1 bytes are ever read, whatever the file claims.
 * `what` names the input in messages ("the Trivy report \"x.json\""). With `buffer` (larger than the limit) the
 * bytes are read into it and the result is a view of it, valid until the next read into the same buffer.
 */
export function readBounded(file: string, what: string, limit: number, buffer?: Buffer): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputRefused(`cannot read ${what}: ${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)}`, 'unreadable', code);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputRefused(`${what} is ${kindOf(stat)}, not a regular file; name the file itself`, 'not-a-file');
    if (stat.size > limit) throw tooLargeError(what, stat.size, limit);
    const into = buffer && buffer.length > limit ? buffer : Buffer.allocUnsafe(Math.min(limit, stat.size) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, into, length, into.length - length, null);
      if (n === 0) return into.subarray(0, length);
      length += n;
      if (length > limit) throw tooLargeError(what, length, limit);
      // The file grew after fstat (still under the limit): read on in chunks.
      if (length === into.length) return readRest(fd, into, length, limit, what);
    }
  } catch (error) {
    if (error instanceof InputRefused) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputRefused(`cannot read ${what}: ${code ?? (error as Error).message}`, 'unreadable', code);
  } finally {
    closeSync(fd);
  }
}

/** Continues a read whose first buffer filled up, in chunks, stopping one byte past the limit. */
function readRest(fd: number, first: Buffer, length: number, limit: number, what: string): Buffer {
  const chunks = [first.subarray(0, length)];
  let total = length;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, limit + 1 - total), null);
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
    if (total > limit) throw tooLargeError(what, total, limit);
  }
  return Buffer.concat(chunks, total);
}

/** readBounded as UTF-8 text. */
export function readBoundedText(file: string, what: string, kind: InputKind): string {
  return readBounded(file, what, inputLimit(kind)).toString('utf8');
}
