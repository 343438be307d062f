// Schema validation with the ajv validator compiled at build time; ajv errors become positioned, readable diagnostics.
import type { ErrorObject } from 'ajv';
import validate from '../../build/pipeline.validate.cjs';
import type { Diagnostic, JsonPath } from '../core/diagnostic.js';
import { locate } from './locate.js';
import { didYouMean } from './suggest.js';
import { clip } from './clip.js';
import { readFileSync } from 'node:fs';
import { packagePath } from '../paths.js';

interface SchemaNode {
  description?: string;
  properties?: Record<string, SchemaNode>;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  required?: string[];
  type?: string;
  pattern?: string;
}

function pointerToPath(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

const show = (value: unknown): string => clip(JSON.stringify(value) ?? String(value));
const quoted = (names: readonly unknown[]): string => names.map((n) => `"${String(n)}"`).join(', ');
const jsonType = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value);
const typeOf = (value: unknown): string =>
  value === null ? 'an empty value' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};
const COMPARISONS: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than' };

let rootSchema: SchemaNode | undefined;

/** Follows a local `$ref` ("#/definitions/x") through the schema file, read only when a message needs it. */
function resolved(node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  if (!ref?.startsWith('#/')) return node;
  rootSchema ??= JSON.parse(readFileSync(packagePath('schemas', 'pipeline.schema.json'), 'utf8')) as SchemaNode;
  let target: unknown = rootSchema;
  for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[part];
  return { ...(target as SchemaNode), ...node, $ref: undefined } as SchemaNode;
}

/** The mapping keys below `node` (two levels at most) where `key` is a known property: where a misplaced key belongs. */
function whereKeyBelongs(key: string, node: SchemaNode | undefined): string[] | undefined {
  const children = (n: SchemaNode | undefined): Array<[string, SchemaNode | undefined]> => {
    const r = resolved(n);
    return [r, ...(r?.oneOf ?? []), ...(r?.anyOf ?? [])].flatMap((b) => Object.entries(resolved(b)?.properties ?? {}));
  };
  for (const [name, child] of children(node)) if (children(child).some(([k]) => k === key)) return [name];
  for (const [name, child] of children(node))
    for (const [inner, grandchild] of children(child)) if (children(grandchild).some(([k]) => k === key)) return [name, inner];
  return undefined;
}

/** `environments.prod.approval.submitters[0]`, as a reader would write it, in double quotes. */
export function pathName(path: JsonPath): string {
  if (path.length === 0) return 'the top level';
  return `"${path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? clip(s) : `.${clip(s)}`)).join('')}"`;
}

/** A schema description as the tail of a sentence: "a duration: a whole number with s, m or h". */
const clause = (description: string | undefined): string => (description ? description.charAt(0).toLowerCase() + description.slice(1).replace(/\.$/, '') : '');

function message(error: ErrorObject, path: JsonPath): string {
  const p = error.params as Record<string, unknown>;
  const where = pathName(path);
  const parent = error.parentSchema as SchemaNode | undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      if (key === '<<') {
        return `YAML merge keys ("<<")${path.length ? ` in ${where}` : ''} are not supported in pipeline.yaml; write the keys out (an anchor and alias can still share a whole value, as in "healthCheck: *health")`;
      }
      const known = Object.keys(parent?.properties ?? {});
      const suggestion = didYouMean(key, known);
      const belongs = suggestion ? undefined : whereKeyBelongs(key, parent);
      const tail = suggestion
        ? `; did you mean "${suggestion}"?`
        : belongs
          ? `; it belongs in ${pathName([...path, ...belongs])}: move it there`
          : known.length
            ? `; use one of ${quoted(known)}`
            : '; remove it';
      return `unknown key "${clip(key)}"${path.length ? ` in ${where}` : ''}${tail}`;
    }
    case 'required': {
      const missing = String(p.missingProperty);
      const about = clause(parent?.properties?.[missing]?.description);
      return `${where} is missing "${missing}"; add it${about ? `: ${about}` : ''}`;
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      return `${where} is ${show(error.data)}; ${suggestion ? `did you mean "${suggestion}"?` : `use one of ${quoted(allowed)}`}`;
    }
    case 'const':
      return `${where} must be ${show(p.allowedValue)}, not ${show(error.data)}`;
    case 'type': {
      const expected = `${where} must be ${String(p.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t)
        .join(' or ')}, not ${typeOf(error.data)}`;
      // One value where a list belongs: show the list syntax with that value in it.
      if (p.type === 'array' && error.data !== null && typeof error.data !== 'object')
        return `${expected}; write it in brackets: [${clip(String(error.data))}], or [a, b] for more`;
      if (p.type === 'array') return `${expected}; write a list in brackets, such as [a, b]`;
      return expected;
    }
    case 'pattern': {
      const about = clause(parent?.description);
      return `${where} is ${show(error.data)}, which is not valid${about ? `: expected ${about}` : `: it must match ${String(p.pattern)}`}`;
    }
    case 'format':
      return `${where} is ${show(error.data)}, which is not a valid ${String(p.format)}${p.format === 'date' ? ' (YYYY-MM-DD)' : ''}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${where} is ${show(error.data)}; it must be ${COMPARISONS[String(p.comparison)] ?? String(p.comparison)} ${String(p.limit)}`;
    case 'minLength':
      return p.limit === 1 ? `${where} is empty; give it a value or remove it` : `${where} is too short (at least ${String(p.limit)} characters)`;
    case 'maxLength':
      return `${where} is too long (at most ${String(p.limit)} characters)`;
    case 'minItems':
      return `${where} is an empty list; list at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'} or remove it`;
    case 'maxItems':
      return `${where} has too many items (at most ${String(p.limit)})`;
    case 'uniqueItems':
      return `${where} lists ${show((error.data as unknown[])[Number(p.i)])} twice; remove one`;
    case 'minProperties':
    case 'maxProperties': {
      const options = Object.keys(parent?.properties ?? {});
      const present = error.data && typeof error.data === 'object' ? Object.keys(error.data) : [];
      if (error.keyword === 'maxProperties' && p.limit !== 1) return `${where} has ${present.length} entries, more than ${String(p.limit)}; split the pipeline`;
      return present.length > 1
        ? `${where} has ${quoted(present).replace(/, ([^,]*)$/, ' and $1')}; keep exactly one of them`
        : `${where} is empty; give exactly one of ${quoted(options)}`;
    }
    default:
      return `${where} ${error.message ?? 'is not valid'}`;
  }
}

/** One message for a failed oneOf/anyOf whose branches are alternatives by required keys or by type. */
function unionMessage(error: ErrorObject, path: JsonPath): string {
  const schema = error.parentSchema as SchemaNode;
  const branches = schema.oneOf ?? schema.anyOf ?? [];
  const keys = branches.flatMap((b) => b.required ?? []);
  if (keys.length === branches.length && keys.length > 0) {
    const present = error.data && typeof error.data === 'object' ? keys.filter((k) => Object.hasOwn(error.data as object, k)) : [];
    return present.length > 1
      ? `${pathName(path)} has ${quoted(present).replace(/, ([^,]*)$/, ' and $1')}; keep exactly one of them`
      : `${pathName(path)} needs one of ${quoted(keys).replace(/, ([^,]*)$/, ' or $1')}`;
  }
  const types = branches.map((b) => (b.type === 'array' ? 'a list of strings' : b.type ? (TYPE_NAMES[b.type] ?? b.type) : 'valid'));
  return `${pathName(path)} must be ${types.join(' or ')}, not ${typeOf(error.data)}`;
}

const under = (error: ErrorObject, prefix: ErrorObject): boolean =>
  error !== prefix && error.schemaPath.startsWith(`${prefix.schemaPath}/`) && error.instancePath.startsWith(prefix.instancePath);

/** The branch of a union that the value's type selects, when exactly one branch has that type. */
function chosenBranch(union: ErrorObject): number | undefined {
  const branches = (union.parentSchema as SchemaNode).oneOf ?? (union.parentSchema as SchemaNode).anyOf ?? [];
  const type = jsonType(union.data);
  const matches = branches.flatMap((b, i) => (b.type === type || (b.type === 'number' && type === 'integer') ? [i] : []));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Keeps the errors a person needs: for a failed union, the errors of the branch the value's type selects, else one
 * union error; for a value of the wrong type, the type error alone; for a bad key name, the error about the key.
 */
export function prune(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors.filter((e) => e.keyword !== 'if');
  for (const union of errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    const branch = chosenBranch(union);
    const inside = kept.filter((e) => under(e, union));
    if (branch !== undefined && inside.some((e) => e.schemaPath.startsWith(`${union.schemaPath}/${branch}/`))) {
      kept = kept.filter((e) => e !== union && (!under(e, union) || e.schemaPath.startsWith(`${union.schemaPath}/${branch}/`)));
    } else kept = kept.filter((e) => !under(e, union));
  }
  const wrongType = new Set(kept.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  kept = kept.filter((e) => e.keyword === 'type' || e.propertyName !== undefined || !wrongType.has(e.instancePath));
  // A bad key name yields the inner error (with propertyName) and a propertyNames summary: keep the inner one.
  return kept.filter((e) => e.keyword !== 'propertyNames' || !kept.some((o) => o.propertyName !== undefined && o.instancePath === e.instancePath));
}

function keyNameMessage(error: ErrorObject, path: JsonPath): string {
  const about = clause((error.parentSchema as SchemaNode | undefined)?.description);
  return `the key "${String(error.propertyName)}" in ${pathName(path)} is not a valid name${about ? `: expected ${about}` : `: it must match ${String((error.params as { pattern?: string }).pattern ?? '')}`}`;
}

/** Paths of numbers YAML reads as infinite or not a number (`.inf`, `.nan`, `1e309`): JSON Schema has no such numbers, so ajv lets them by. */
function nonFiniteNumbers(raw: unknown): JsonPath[] {
  const found: JsonPath[] = [];
  // The path as a stack, copied only for a finding: the walk runs on every config and allocates nothing per value.
  const path: JsonPath = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) found.push([...path]);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]);
        path.pop();
      }
    } else if (value && typeof value === 'object') {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        path.push(key);
        walk((value as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  walk(raw);
  return found;
}

/** An empty value whose line goes on with "#...": YAML read a comment where the writer meant a value (`channel: #deploys`). */
function commentHint(text: string, pos: { line: number; column: number }): string {
  const line = text.split(/\r?\n/)[pos.line - 1] ?? '';
  const comment = /^(?:.*?:[ \t]+|[ \t]*-[ \t]+)(#\S*)/.exec(line.slice(0, pos.column - 1 + 200))?.[1];
  if (!comment || !line.slice(pos.column - 1).startsWith('#')) return '';
  return `: "#" starts a comment in YAML, so "${clip(comment)}" was read as a comment, not a value; quote it: "${clip(comment)}"`;
}

export function schemaDiagnostics(raw: unknown, file: string, text: string, validator: typeof validate = validate): Diagnostic[] {
  const infinite = nonFiniteNumbers(raw);
  if (validator(raw) && infinite.length === 0) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = infinite.map((path) => ({
    ruleId: 'schema',
    severity: 'error',
    message: `${pathName(path)} is not a finite number; write an ordinary number such as 0.5 or 100`,
    file,
    path,
    ...locate(text, path),
  }));
  for (const error of prune(validator.errors ?? [])) {
    if (error.keyword === 'type' && infinite.some((p) => JSON.stringify(p) === JSON.stringify(pointerToPath(error.instancePath)))) continue;
    const parentPath = pointerToPath(error.instancePath);
    let path = parentPath;
    let onKey = false;
    let text_: string;
    if (error.propertyName !== undefined) {
      path = [...parentPath, error.propertyName];
      onKey = true;
      text_ = keyNameMessage(error, parentPath);
    } else if (error.keyword === 'additionalProperties') {
      path = [...parentPath, String((error.params as { additionalProperty: string }).additionalProperty)];
      onKey = true;
      text_ = message(error, parentPath);
    } else if (error.keyword === 'required') {
      // A missing key is reported at the key of the mapping that lacks it (its parent's key).
      onKey = parentPath.length > 0 && typeof parentPath[parentPath.length - 1] === 'string';
      text_ = message(error, parentPath);
    } else if (error.keyword === 'oneOf' || error.keyword === 'anyOf') text_ = unionMessage(error, parentPath);
    else text_ = message(error, parentPath);
    const pos = locate(text, path, { key: onKey });
    if (error.data === null && !onKey) text_ += commentHint(text, pos);
    // The whole top-level mapping is no place to point at: its first line is.
    if (path.length === 0) Object.assign(pos, { endLine: pos.line, endColumn: pos.column });
    const key = `${pos.line}:${pos.column}:${text_}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ruleId: error.keyword === 'additionalProperties' ? 'unknown-key' : 'schema', severity: 'error', message: text_, file, path, ...pos });
  }
  return out;
}
