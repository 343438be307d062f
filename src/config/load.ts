// Loading pipeline.yaml: bytes, YAML (js-yaml, core schema), schema validation, normalisation; every failure a positioned diagnostic.
import { readFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import type { Diagnostic, JsonPath } from '../lint/diagnostic.js';
import { locate } from './locate.js';
import { schemaDiagnostics } from './schema.js';
import { normalize } from './normalize.js';
import type { Model } from './model.js';
import { applyOrgDefaults, type OrgResolution } from './org.js';

export const MAX_FILE_BYTES = 1024 * 1024;

export interface Loaded {
  file: string;
  /** The decoded text (empty when the bytes were unreadable). */
  text: string;
  /** The parsed object, when YAML parsing succeeded. */
  raw: unknown;
  /** Present when there were no errors. */
  model: Model | null;
  diagnostics: Diagnostic[];
  /** The org defaults `extends` named, merged into `raw` before validation. */
  org?: OrgResolution;
}

function at(file: string, ruleId: string, message: string, line = 1, column = 1, path: JsonPath = []): Diagnostic {
  return { ruleId, severity: 'error', message, file, path, line, column };
}

/** Parses and validates config text; `file` names it in diagnostics. */
export function loadText(text: string, file: string): Loaded {
  const fail = (d: Diagnostic): Loaded => ({ file, text, raw: undefined, model: null, diagnostics: [d] });
  if (text.trim() === '') return fail(at(file, 'yaml-syntax', 'the file is empty; start with "version: 1" and "app: <name>"'));
  let raw: unknown;
  try {
    raw = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file });
  } catch (error) {
    const e = error as jsYaml.YAMLException;
    const mark = e.mark ?? { line: 0, column: 0 };
    return fail(at(file, 'yaml-syntax', `not valid YAML: ${e.reason ?? e.message}`, mark.line + 1, mark.column + 1));
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail(at(file, 'yaml-root', 'the top level must be a mapping of keys ("version: 1", "app: ...")'));
  }
  const org = applyOrgDefaults(raw as Record<string, unknown>, file, text);
  if (org.diagnostics.length > 0) return { file, text, raw, model: null, diagnostics: org.diagnostics, org };
  raw = org.merged;
  const diagnostics = schemaDiagnostics(raw, file, text);
  if (diagnostics.length > 0) return { file, text, raw, model: null, diagnostics, org };
  return { file, text, raw, model: normalize(raw as Record<string, unknown>, file), diagnostics: [], org };
}

/** Reads and loads a config file; unreadable files become a diagnostic (the CLI maps those to exit 2). */
export function loadFile(file: string): Loaded {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { file, text: '', raw: undefined, model: null, diagnostics: [at(file, 'unreadable', `cannot read the file: ${e.code ?? e.message}`)] };
  }
  if (bytes.length > MAX_FILE_BYTES) {
    return { file, text: '', raw: undefined, model: null, diagnostics: [at(file, 'file-too-large', `the file has ${bytes.length} bytes; pipeline.yaml may have at most ${MAX_FILE_BYTES}`)] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { file, text: '', raw: undefined, model: null, diagnostics: [at(file, 'encoding', 'the file is not UTF-8 text')] };
  }
  return loadText(text.replace(/^\uFEFF/, ''), file);
}

export { locate };
