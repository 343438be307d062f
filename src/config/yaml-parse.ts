// From text to one YAML mapping (js-yaml, YAML 1.2 core): every way the text can fail becomes a positioned diagnostic.
import jsYaml from 'js-yaml';
import { isPair, isScalar, Parser, parseDocument, visit, type Node } from 'yaml';
import type { Diagnostic, JsonPath } from '../core/diagnostic.js';
import { locate, type Position } from './locate.js';
import { CORE_1_2_SCHEMA, YAML_CORE_OPTIONS } from './yaml-core.js';
import { scanLoad } from './scan-load.js';
import { clip } from './clip.js';

/** Object aliases a config may use: enough for sharing a block or two, far too few to expand exponentially. */
export const MAX_ALIASES = 20;
/** Values (mappings, lists, scalars) the parsed config may hold once aliases are expanded. */
export const MAX_EXPANDED_NODES = 100_000;

export interface ParsedYaml {
  /** The root mapping, when the text parsed cleanly. */
  raw?: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

type Problem = Pick<Diagnostic, 'ruleId' | 'message'> & Partial<Position> & { path?: JsonPath };

function diagnostic(file: string, problem: Problem): Diagnostic {
  const { ruleId, message, path = [], line = 1, column = 1 } = problem;
  const d: Diagnostic = { ruleId, severity: 'error', message, file, path, line, column };
  if (problem.endLine !== undefined) Object.assign(d, { endLine: problem.endLine, endColumn: problem.endColumn });
  return d;
}

/** 1-based line and column of a string offset. */
export function offsetPosition(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = offset - lineStart + 1;
  return { line, column, endLine: line, endColumn: column };
}

function rangePosition(text: string, range: readonly number[] | null | undefined): Position {
  const start = offsetPosition(text, range?.[0] ?? 0);
  const end = offsetPosition(text, range?.[1] ?? range?.[0] ?? 0);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** A block scalar header (`key: |`, `- >-`): the lines after it are text, where a tab is content. */
const BLOCK_SCALAR_HEADER = /(?:^|\s)[|>](?:[1-9][-+]?|[-+][1-9]?)?\s*(?:#.*)?$/;

/** The first tab in a line's indentation, outside block scalars and comment-only lines. */
export function firstTabIndent(text: string): Position | undefined {
  // Most configs hold no tab at all: one scan of the text instead of a walk over its lines.
  if (!text.includes('\t')) return undefined;
  const lines = text.split('\n');
  let blockParent: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const lead = /^[ \t]*/.exec(line)![0];
    const rest = line.slice(lead.length);
    const spaces = /^ */.exec(line)![0].length;
    if (blockParent !== null) {
      if (rest === '' || spaces > blockParent) continue;
      blockParent = null;
    }
    if (rest === '' || rest.startsWith('#')) continue;
    const tab = lead.indexOf('\t');
    if (tab !== -1) return { line: i + 1, column: tab + 1, endLine: i + 1, endColumn: lead.length + 1 };
    if (BLOCK_SCALAR_HEADER.test(rest)) blockParent = spaces;
  }
  return undefined;
}

/** The start of the second document in a stream that has more than one. */
function secondDocumentStart(text: string): Position {
  let documents = 0;
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document' && ++documents === 2) return offsetPosition(text, token.offset);
  }
  return offsetPosition(text, 0);
}

/** The duplicate key that comes first in the text, with the line of the key it repeats. */
function firstDuplicateKey(text: string): { key: string; firstLine: number; at: Position } | undefined {
  const doc = parseDocument(text, { ...YAML_CORE_OPTIONS, uniqueKeys: false });
  let best: { key: string; first: Node; second: Node } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const first = seen.get(key);
        if (!first) seen.set(key, pair.key);
        else if (!best || (pair.key.range?.[0] ?? 0) < (best.second.range?.[0] ?? 0)) best = { key, first, second: pair.key };
      }
    },
  });
  if (!best) return undefined;
  return { key: best.key, firstLine: offsetPosition(text, best.first.range?.[0] ?? 0).line, at: rangePosition(text, best.second.range) };
}

/** The n-th alias (`*name`) in the text, 1-based, or the last one when there are fewer. */
function nthAlias(text: string, n: number): Position {
  const doc = parseDocument(text, { ...YAML_CORE_OPTIONS, uniqueKeys: false });
  let found: Node | undefined;
  let count = 0;
  visit(doc, {
    Alias(_, alias) {
      found = alias;
      if (++count >= n) return visit.BREAK;
      return undefined;
    },
  });
  return rangePosition(text, found?.range);
}

/**
 * js-yaml reports a key indented less than its siblings where the next sibling no longer fits (`prod:` below a
 * dedented `staging:`), often many lines later. Walking up from there: the first key line indented less than the
 * failing line, with a sibling at the failing line's indentation above it, is the one that was dedented.
 */
function dedentedKey(text: string, failingLine: number): Omit<Problem, 'ruleId'> | undefined {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const indent = (l: string): number => /^ */.exec(l)![0].length;
  const content = (l: string | undefined): boolean => l !== undefined && l.trim() !== '' && !l.trim().startsWith('#');
  const keyOf = (l: string): string | undefined => /^ *([A-Za-z0-9_.-]+):(?:\s|$)/.exec(l)?.[1];
  const failing = lines[failingLine - 1];
  if (!content(failing) || !keyOf(failing!)) return undefined;
  const width = indent(failing!);
  let dedented: number | undefined;
  for (let i = failingLine - 2; i >= 0; i--) {
    const line = lines[i]!;
    if (!content(line)) continue;
    const n = indent(line);
    if (dedented === undefined) {
      if (n >= width) continue;
      if (!keyOf(line)) return undefined;
      dedented = i;
    } else if (n === width && keyOf(line)) {
      const key = keyOf(lines[dedented]!)!;
      const column = indent(lines[dedented]!) + 1;
      return {
        message: `"${clip(key)}" is indented less than "${clip(keyOf(line)!)}" (line ${i + 1}) and "${clip(keyOf(failing!)!)}" (line ${failingLine}) around it, so it ends the block they are in; indent it by ${width} spaces, as they are`,
        line: dedented + 1,
        column,
        endLine: dedented + 1,
        endColumn: column + key.length,
      };
    } else if (n < width) return undefined;
  }
  return undefined;
}

function syntaxProblem(text: string, error: jsYaml.YAMLException): Problem {
  const reason = error.reason ?? error.message;
  if (/found more/.test(reason)) {
    return {
      ruleId: 'yaml-multiple-documents',
      message: 'a second YAML document starts here; pipeline.yaml holds exactly one, so remove this "---" and what follows or merge it into the first',
      ...secondDocumentStart(text),
    };
  }
  const mark = error.mark ?? { line: 0, column: 0 };
  const at = { line: mark.line + 1, column: mark.column + 1 };
  if (/duplicated mapping key/.test(reason)) {
    const duplicate = firstDuplicateKey(text);
    if (duplicate) {
      return {
        ruleId: 'yaml-duplicate-key',
        message: `duplicate key "${clip(duplicate.key)}" (first on line ${duplicate.firstLine}); keep one of them`,
        ...duplicate.at,
      };
    }
    return { ruleId: 'yaml-duplicate-key', message: 'duplicate key; keep one of them', ...at };
  }
  if (/bad indentation of a mapping entry/.test(reason)) {
    const dedented = dedentedKey(text, at.line);
    if (dedented) return { ruleId: 'yaml-syntax', ...dedented };
  }
  if (/tab characters/.test(reason)) return { ruleId: 'yaml-tab-indent', message: 'a tab in the indentation; indent with spaces', ...at };
  return { ruleId: 'yaml-syntax', message: `not valid YAML: ${reason}; check the indentation, quoting and brackets here`, ...at };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Census {
  aliases: number;
  expanded: number;
  loneSurrogate?: { path: JsonPath; key: boolean };
}

/**
 * One walk over the parsed graph that visits each object once: counts object aliases (an object reached a second
 * time), the size the graph would have with aliases expanded (memoised, so a billion laughs costs linear time), and
 * finds the first string that is not valid Unicode.
 */
function census(root: unknown): Census {
  const sizes = new Map<object, number>();
  const result: Census = { aliases: 0, expanded: 0 };
  // The path to the value being walked, as a stack: copied only when a lone surrogate is found, so a walk allocates
  // nothing per value (it runs on every config lint and gen load).
  const path: JsonPath = [];
  const walk = (value: unknown): number => {
    if (typeof value === 'string') {
      if (!result.loneSurrogate && LONE_SURROGATE.test(value)) result.loneSurrogate = { path: [...path], key: false };
      return 1;
    }
    if (value === null || typeof value !== 'object') return 1;
    const known = sizes.get(value);
    if (known !== undefined) {
      result.aliases++;
      return known;
    }
    sizes.set(value, 1);
    let size = 1;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        size += walk(value[i]);
        path.pop();
      }
    } else {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        path.push(key);
        if (!result.loneSurrogate && LONE_SURROGATE.test(key)) result.loneSurrogate = { path: [...path], key: true };
        size += 1 + walk((value as Record<string, unknown>)[key]);
        path.pop();
      }
    }
    size = Math.min(size, Number.MAX_SAFE_INTEGER);
    sizes.set(value, size);
    return size;
  };
  result.expanded = walk(root);
  return result;
}

/** Too many aliases, or aliases that expand the value past the limit: the problem at the offending alias, or null. */
function aliasProblem(found: Census, text: string): (Problem & Position) | null {
  if (found.aliases > MAX_ALIASES) {
    return {
      ruleId: 'yaml-aliases',
      message: `more than ${MAX_ALIASES} aliases; write the repeated parts out (aliases can make a small file expand without bound)`,
      ...nthAlias(text, MAX_ALIASES + 1),
    };
  }
  if (found.expanded > MAX_EXPANDED_NODES) {
    return {
      ruleId: 'yaml-aliases',
      message: `aliases expand this file to ${found.expanded} values, more than ${MAX_EXPANDED_NODES}; write the repeated parts out`,
      ...nthAlias(text, 1),
    };
  }
  return null;
}

/** The alias limits of pipeline.yaml applied to another parsed YAML value (the org defaults file). */
export function yamlAliasProblem(value: unknown, text: string): (Problem & Position) | null {
  return aliasProblem(census(value), text);
}

const describe = (value: unknown): string =>
  value === null ? 'empty' : Array.isArray(value) ? 'a list' : `a ${typeof value} (${clip(JSON.stringify(value))})`;

/** Parses config text into its root mapping, or explains at line:col why it cannot. */
export function parseConfigYaml(text: string, file: string): ParsedYaml {
  const fail = (problem: Problem): ParsedYaml => ({ diagnostics: [diagnostic(file, problem)] });
  const tab = firstTabIndent(text);
  if (tab) return fail({ ruleId: 'yaml-tab-indent', message: 'a tab in the indentation; indent with spaces', ...tab });
  // Plain block YAML (nearly every pipeline.yaml) is read by a line scan; js-yaml reads the rest and reports errors.
  let raw: unknown = scanLoad(text);
  try {
    raw ??= jsYaml.load(text, { schema: CORE_1_2_SCHEMA, filename: file });
  } catch (error) {
    if (!(error instanceof jsYaml.YAMLException)) throw error;
    return fail(syntaxProblem(text, error));
  }
  if (raw === undefined || raw === null) {
    return fail({ ruleId: 'yaml-root', message: 'the file has no content; start with "version: 1" and "app: <name>"' });
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return fail({
      ruleId: 'yaml-root',
      message: `the top level is ${describe(raw)}; it must be a mapping of keys such as "version: 1" and "app: <name>"`,
      ...locate(text, []),
    });
  }
  const found = census(raw);
  const aliases = aliasProblem(found, text);
  if (aliases) return fail(aliases);
  if (found.loneSurrogate) {
    const { path, key } = found.loneSurrogate;
    return fail({
      ruleId: 'yaml-unicode',
      message:
        'this text holds half of a UTF-16 surrogate pair (from an escape such as "\\ud800"), which is not Unicode; escape the whole character, as in "\\U0001F600"',
      path,
      ...locate(text, path, { key }),
    });
  }
  return { raw: raw as Record<string, unknown>, diagnostics: [] };
}
