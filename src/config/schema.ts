// Schema validation with the ajv validator compiled at build time; ajv errors become positioned, readable diagnostics.
import type { ErrorObject } from 'ajv';
import validate from '../../build/pipeline.validate.cjs';
import type { Diagnostic, JsonPath } from '../lint/diagnostic.js';
import { locate } from './locate.js';
import { didYouMean } from './suggest.js';

function pointerToPath(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value));
const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`);
const pathName = (path: JsonPath): string => (path.length ? `"${path.join('.')}"` : 'the top level');

function message(error: ErrorObject, path: JsonPath): string {
  const p = error.params as Record<string, unknown>;
  const where = pathName(path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const known = Object.keys(((error.parentSchema as { properties?: object })?.properties ?? {}) as object);
      const suggestion = didYouMean(key, known);
      return `unknown key "${key}"${path.length ? ` in ${where}` : ''}${suggestion ? `; did you mean "${suggestion}"?` : known.length ? `; expected one of: ${known.join(', ')}` : ''}`;
    }
    case 'required':
      return `${where} is missing the required key "${String(p.missingProperty)}"`;
    case 'enum':
      return `${where} is ${show(error.data)}; expected one of: ${(p.allowedValues as unknown[]).map((v) => String(v)).join(', ')}`;
    case 'const':
      return `${where} must be ${show(p.allowedValue)}`;
    case 'type':
      return `${where} must be ${String(p.type).replace('object', 'a mapping').replace('array', 'a list').replace(/^(string|number|integer|boolean)$/, 'a $1')}, not ${typeOf(error.data)}`;
    case 'pattern': {
      const description = (error.parentSchema as { description?: string })?.description;
      return `${where} is ${show(error.data)}, which is not valid${description ? `: ${description.charAt(0).toLowerCase()}${description.slice(1).replace(/\.$/, '')}` : ''}`;
    }
    case 'format':
      return `${where} is ${show(error.data)}, which is not a valid ${String(p.format)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${where} is ${show(error.data)}; it must be ${String(p.comparison)} ${String(p.limit)}`;
    case 'minLength':
      return `${where} must not be empty`;
    case 'maxLength':
      return `${where} is too long (at most ${String(p.limit)} characters)`;
    case 'minItems':
      return `${where} needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `${where} has too many items (at most ${String(p.limit)})`;
    case 'uniqueItems':
      return `${where} lists the same value twice (items ${String(p.j)} and ${String(p.i)})`;
    case 'minProperties':
    case 'maxProperties':
      return `${where} must have exactly one of its keys`;
    case 'propertyNames':
      return `${where} has a key that is not a valid name`;
    default:
      return `${where} ${error.message ?? 'is not valid'}`;
  }
}

/** Collapses oneOf/anyOf noise: when a union fails, one error at its path instead of one per branch. */
function prune(errors: ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const kept = errors.filter(
    (e) =>
      e.keyword === 'oneOf' ||
      e.keyword === 'anyOf' ||
      e.keyword === 'if' ||
      !unions.some((u) => e.schemaPath.startsWith(`${u.schemaPath}/`) && e.instancePath.startsWith(u.instancePath)),
  );
  return kept.filter((e) => e.keyword !== 'if' && !(e.keyword === 'propertyNames' && errors.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`) && o.keyword === 'pattern')));
}

function unionMessage(error: ErrorObject, path: JsonPath): string {
  const schema = error.parentSchema as { description?: string; oneOf?: Array<{ required?: string[]; type?: string }> };
  const requiredBranches = schema.oneOf?.filter((b) => b.required).map((b) => b.required!.join(', '));
  if (requiredBranches?.length) return `${pathName(path)} needs exactly one of: ${requiredBranches.join('; ')}`;
  const types = schema.oneOf?.map((b) => (b.type === 'array' ? 'a list of strings' : b.type === 'string' ? 'a string' : b.type)).filter(Boolean);
  return `${pathName(path)} must be ${types?.length ? types.join(' or ') : 'valid'}, not ${typeOf(error.data)}`;
}

export function schemaDiagnostics(raw: unknown, file: string, text: string, validator: typeof validate = validate): Diagnostic[] {
  if (validator(raw)) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of prune(validator.errors ?? [])) {
    let path = pointerToPath(error.instancePath);
    let onKey = false;
    if (error.keyword === 'additionalProperties') {
      path = [...path, String((error.params as { additionalProperty: string }).additionalProperty)];
      onKey = true;
    }
    const text_ = error.keyword === 'oneOf' || error.keyword === 'anyOf' ? unionMessage(error, pointerToPath(error.instancePath)) : message(error, pointerToPath(error.instancePath));
    const pos = locate(text, path, { key: onKey });
    const key = `${pos.line}:${pos.column}:${text_}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ruleId: error.keyword === 'additionalProperties' ? 'unknown-key' : 'schema', severity: 'error', message: text_, file, path, ...pos });
  }
  return out;
}
