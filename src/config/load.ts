// Loading pipeline.yaml: bytes, YAML (js-yaml, YAML 1.2 core), schema validation, normalisation; every failure a positioned diagnostic.
import type { Diagnostic } from '../core/diagnostic.js';
import { locate } from './locate.js';
import { schemaDiagnostics } from './schema.js';
import { normalize } from './normalize.js';
import type { Model } from './model.js';
import { configLimit, decodeBytes, MAX_FILE_BYTES, readTextFile, UNREADABLE_RULES, type TextResult } from './text.js';
import jsYaml from 'js-yaml';
import { parseConfigYaml } from './yaml-parse.js';
import { CORE_1_2_SCHEMA } from './yaml-core.js';
import type { Raw } from '../core/raw.js';
import { applyOrgDefaults, type OrgResolution } from './org.js';

export { MAX_FILE_BYTES, UNREADABLE_RULES };

export interface Loaded {
  file: string;
  /** The decoded text (empty when the bytes were unreadable). */
  text: string;
  /** The parsed object, when YAML parsing succeeded. */
  raw: unknown;
  /** Present when there were no errors. */
  model: Model | null;
  diagnostics: Diagnostic[];
  /** True when the input could not be read as text (missing, binary, not UTF-8, too large): the CLI exits 2. */
  unreadable?: boolean;
  /** The org defaults `extends` named, merged into `raw` before validation. */
  org?: OrgResolution;
}

/** Parses and validates config text; `file` names it in diagnostics. */
export function loadText(text: string, file: string): Loaded {
  if (Buffer.byteLength(text, 'utf8') > configLimit()) return fromText(decodeBytes(Buffer.from(text, 'utf8')), file);
  const parsed = parseConfigYaml(text, file);
  if (!parsed.raw) return { file, text, raw: undefined, model: null, diagnostics: parsed.diagnostics };
  const org = applyOrgDefaults(parsed.raw, file, text);
  if (org.diagnostics.length > 0) return { file, text, raw: parsed.raw, model: null, diagnostics: org.diagnostics, org };
  const raw = org.merged;
  const diagnostics = schemaDiagnostics(raw, file, text);
  if (diagnostics.length > 0) return { file, text, raw, model: null, diagnostics, org };
  return { file, text, raw, model: normalize(raw, file), diagnostics: [], org };
}

/** Loads config bytes: they must be UTF-8 text of at most MAX_FILE_BYTES with no NUL byte. */
export function loadBytes(bytes: Uint8Array, file: string): Loaded {
  return fromText(decodeBytes(bytes), file);
}

/** Reads and loads a config file; unreadable files become a diagnostic (the CLI maps those to exit 2). */
export function loadFile(file: string): Loaded {
  return fromText(readTextFile(file), file);
}

function fromText(result: TextResult, file: string): Loaded {
  if (result.text !== undefined) return loadText(result.text, file);
  const { ruleId, message, line, column } = result.problem;
  return {
    file,
    text: '',
    raw: undefined,
    model: null,
    unreadable: true,
    diagnostics: [{ ruleId, severity: 'error', message, file, path: [], line, column }],
  };
}

export { locate };
