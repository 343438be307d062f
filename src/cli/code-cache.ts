// A V8 code cache for the fast paths' CommonJS bundles (dist/fast/<command>.cjs): a cold `lint` or `gen` reads compiled code back instead of compiling ~1 MB of JavaScript.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

/** What a fast-path bundle exports (src/cli/fast-lint.ts, src/cli/fast-gen.ts). */
export interface FastBundle {
  run(args: string[]): Promise<number> | undefined;
  ExitError: new (...args: never[]) => Error & { exitCode: number };
}

/** Where the cache may live, in order: beside the package when writable, else the user's cache folder. */
export function cacheDirs(packageDir: string, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string[] {
  return [join(packageDir, 'dist', '.cache'), join(env.XDG_CACHE_HOME || join(home, '.cache'), 'pipewright')];
}

/**
 * The cache file's name: the bundle's content hash (CRC-32 and length: V8 itself only checks the source's length), the
 * Node version, the architecture and Node's flags, so a rebuilt bundle or another Node never reads a stale cache.
 */
export function cacheName(command: string, source: string | Uint8Array, nodeVersion = process.version, arch = process.arch, flags = nodeFlags()): string {
  const hex = (data: string | Uint8Array) => crc32(data).toString(16).padStart(8, '0');
  return `${command}-${hex(source)}-${source.length}-node${nodeVersion}-${arch}-${hex(flags)}.v8cache`;
}

/** V8 refuses a cache made under other flags: NODE_OPTIONS, which persists across runs, is part of the key (see saveCodeCache for flags on the command line). */
const nodeFlags = (): string => process.env.NODE_OPTIONS ?? '';

/** The file's bytes: a CRC-32 of V8's data (4 bytes, big-endian), then the data; a torn or corrupt file is refused here, not fed to V8. */
export function encodeCache(data: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(crc32(data), 0);
  return Buffer.concat([header, data]);
}

export function decodeCache(bytes: Buffer): Buffer | undefined {
  if (bytes.length < 5) return undefined;
  const data = bytes.subarray(4);
  return bytes.readUInt32BE(0) === crc32(data) ? data : undefined;
}

/** A script whose cache was missing or refused: written after the command ran, so lazily compiled functions are in it. */
let unsaved: { script: Script; name: string; dirs: string[] } | undefined;

/**
 * Runs dist/fast/<command>.cjs through vm.Script with the cached code when there is a valid cache, and returns its
 * exports; undefined when there is no such bundle (running from source) or PIPEWRIGHT_CODE_CACHE=0, and the caller
 * imports the ESM chunks instead. Output is the same either way: only where the compiled code comes from differs.
 */
export function loadFastBundle(command: 'lint' | 'gen', distDir = dirname(fileURLToPath(import.meta.url))): FastBundle | undefined {
  if (process.env.PIPEWRIGHT_CODE_CACHE === '0') return undefined;
  const file = join(distDir, 'fast', `${command}.cjs`);
  if (!existsSync(file)) return undefined;
  // Hashed as read: a CRC of the bytes is the CRC of the text (crc32 hashes a string's UTF-8), without encoding
  // 500 KB of text back to bytes first (about 3 ms of a cold start).
  const bytes = readFileSync(file);
  const name = cacheName(command, bytes);
  const source = bytes.toString('utf8');
  const dirs = cacheDirs(dirname(distDir));
  let cachedData: Buffer | undefined;
  for (const dir of dirs) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    try {
      cachedData = decodeCache(readFileSync(path));
    } catch {
      cachedData = undefined;
    }
    if (cachedData) break;
  }
  // The CommonJS wrapper, as Node's own loader writes it.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  // A valid file V8 refused was made under other flags: rewritten only by a run with no flags of its own
  // (`node --cpu-prof dist/pipewright.js ...` must not replace the cache every plain run uses).
  if (cachedData === undefined || (script.cachedDataRejected === true && process.execArgv.length === 0)) unsaved = { script, name, dirs };
  const module = { exports: {} as FastBundle };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/** Writes the cache of the bundle loaded without one: the first folder that takes it, atomically; failures are ignored (the cache is only an optimisation). */
export function saveCodeCache(): void {
  if (!unsaved) return;
  const { script, name, dirs } = unsaved;
  unsaved = undefined;
  let bytes: Buffer;
  try {
    bytes = encodeCache(script.createCachedData());
  } catch {
    return;
  }
  for (const dir of dirs) {
    const temp = join(dir, `.${name}.${process.pid}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(temp, bytes);
      renameSync(temp, join(dir, name));
      return;
    } catch {
      try {
        rmSync(temp, { force: true });
      } catch {
        // An unwritable folder: nothing was written, try the next.
      }
    }
  }
}
