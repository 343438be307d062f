// Synthesis of generated files: compares each with the disk, then writes atomically only what changed (or, checking, writes nothing) and finds strays.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { writeFileAtomic } from '../helpers/shared/atomic.js';
import { InputRefused, readBoundedText } from '../helpers/shared/bounded-read.js';
import { unifiedDiff } from '../core/diff.js';
import { isMarked, syntaxOf, type CommentSyntax } from './marker.js';

/** One generated file: where it goes, how it holds its marker, and its whole text (the marker included). */
export interface GeneratedFile {
  path: string;
  syntax: CommentSyntax;
  content: string;
}

/** A generated file; its content must carry its syntax's marker (a generator that forgets it is a bug). */
export function generatedFile(path: string, syntax: CommentSyntax, content: string): GeneratedFile {
  if (syntax !== 'none' && !isMarked(syntax, content)) throw new Error(`the generated ${path} does not start with its marker`);
  return { path, syntax, content };
}

/** A folder whose files matching `owns` a synthesis owns: any of them it did not generate is a stray. */
export interface StrayScope {
  dir: string;
  owns: (name: string) => boolean;
}

export interface SynthOptions {
  /** Write nothing; report what is stale, missing and stray. */
  check?: boolean;
  strays?: StrayScope[];
  /** Overwrite an existing file without the marker (gen --force); otherwise it is refused and left as it is. */
  force?: boolean;
}

export interface Stale {
  path: string;
  missing: boolean;
  /** The unified diff from the file on disk to the generated text; computed when checking only (a fleet's writes skip it). */
  diff: string;
}

export interface SynthReport {
  written: string[];
  current: string[];
  stale: Stale[];
  /** Existing files without the marker that were not overwritten (no `force`). */
  refused: string[];
  /** Strays: files in an owned folder that the synthesis does not hold; marked ones are removed unless checking. */
  strays: Array<{ path: string; marked: boolean; removed: boolean }>;
}

/** The file's text, or null when there is none; a FIFO, device or oversized file in its place is bad input (exit 2). */
export function readIfExists(file: string): string | null {
  if (!existsSync(file)) return null;
  try {
    return readBoundedText(file, `"${file}"`, 'generated');
  } catch (error) {
    if (error instanceof InputRefused) throw new UsageError(`${error.message}; nothing was written`);
    throw error;
  }
}

/**
 * The one writer of generated files (and of the build's outputs): writes `text` to `file` unless it already holds exactly
 * that, through an exclusively created temporary file beside it, fsync and rename (src/helpers/shared/atomic.ts), so a
 * reader never sees half a file, a failure leaves no temporary file, and a planted link is never followed.
 */
export function writeIfChanged(file: string, text: string): 'written' | 'current' {
  if (readIfExists(file) === text) return 'current';
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, text);
  return 'written';
}

function findStrays(scopes: StrayScope[], held: Set<string>): Array<{ path: string; marked: boolean }> {
  const strays: Array<{ path: string; marked: boolean }> = [];
  for (const { dir, owns } of scopes) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (!owns(name) || held.has(path)) continue;
      const syntax = syntaxOf(name);
      strays.push({ path, marked: syntax !== 'none' && isMarked(syntax, readIfExists(path) ?? '') });
    }
  }
  return strays;
}

/** What the disk holds for one generated file: the same text, or a stale or missing file (refused when it is someone's own). */
export type Comparison = { state: 'current' } | { state: 'stale'; missing: boolean; diff: string; refused: boolean };

/**
 * Compares one file with the disk (its diff only when checking); an unreadable file throws a UsageError. gen (src/cli/
 * gen-config.ts) calls this per file, on one thread or many, and stages what it writes, so both paths decide alike.
 */
export function compareGenerated(file: GeneratedFile, options: Pick<SynthOptions, 'check' | 'force'> = {}): Comparison {
  const existing = readIfExists(file.path);
  if (existing === file.content) return { state: 'current' };
  return {
    state: 'stale',
    missing: existing === null,
    diff: options.check ? unifiedDiff(existing ?? '', file.content, existing === null ? '/dev/null' : file.path, `${file.path} (generated)`) : '',
    refused: existing !== null && !options.force && !isMarked(file.syntax, existing) && file.syntax !== 'none',
  };
}

/** Writes one generated file atomically, creating its folder. */
export function writeGenerated(file: GeneratedFile): void {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileAtomic(file.path, file.content);
}

/**
 * Compares every file with the disk first (so an unreadable one stops the run before anything is written), then, unless
 * checking, writes the stale and missing ones and removes the marked strays. Unmarked strays are only reported.
 */
export function synthesize(files: GeneratedFile[], options: SynthOptions = {}): SynthReport {
  const report: SynthReport = { written: [], current: [], stale: [], refused: [], strays: [] };
  const toWrite: GeneratedFile[] = [];
  for (const file of files) {
    const comparison = compareGenerated(file, options);
    if (comparison.state === 'current') {
      report.current.push(file.path);
      continue;
    }
    report.stale.push({ path: file.path, missing: comparison.missing, diff: comparison.diff });
    if (comparison.refused) report.refused.push(file.path);
    else toWrite.push(file);
  }
  const strays = findStrays(options.strays ?? [], new Set(files.map((f) => f.path)));
  if (options.check) {
    report.strays = strays.map((s) => ({ ...s, removed: false }));
    return report;
  }
  for (const file of toWrite) {
    writeGenerated(file);
    report.written.push(file.path);
  }
  for (const stray of strays) {
    if (stray.marked) rmSync(stray.path);
    report.strays.push({ ...stray, removed: stray.marked });
  }
  return report;
}
