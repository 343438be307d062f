// Adversarial strings for the escaping property test, and the list of string fields read from the schema itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import type { ReadJson } from '../support/json.js';

/** A small seeded generator (mulberry32), so a failing case can be reproduced. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What breaks quoting: quotes of every kind, escapes, interpolation, line breaks, shell syntax, control, non-ASCII and astral characters. */
export const FRAGMENTS = [
  "'",
  '"',
  '\\',
  '$',
  '${x}',
  '${',
  '}',
  "'''",
  '"""',
  '\n',
  '\r',
  '\r\n',
  '\t',
  '$(id)',
  '`id`',
  '\u0000',
  '\u0001',
  '\u001b',
  '\u007f',
  '\\u0041',
  '\\n',
  "\\'",
  '\\\n',
  '$/',
  '/$',
  '/*',
  '*/',
  '//',
  '#',
  '{{',
  '}}',
  '@',
  ' ',
  'a',
  '0',
  '7',
  '\u2028',
  '\u00e9',
  '日本',
  '😀',
  '𝄞',
  '\u200b',
  '\ufeff',
  '%s',
  '&&',
  ';',
  '|',
  '>',
  '<',
  '~',
  'GString',
  '\\$',
  "''",
  '\b',
  '\f',
  '\v',
];

export function adversarialString(rng: () => number, tag: string): string {
  const part = (): string => Array.from({ length: Math.floor(rng() * 7) }, () => FRAGMENTS[Math.floor(rng() * FRAGMENTS.length)]).join('');
  return `${part()}⟦${tag}⟧${part()}`;
}

export interface StringField {
  /** Dotted path: `*` any key of a map, `[]` the first item of a list, `<key>` a map key itself. */
  path: string;
  /** data: a quoted value; command: shell passed verbatim; duration: parsed, never quoted. */
  kind: 'data' | 'command' | 'duration';
}

type Schema = Record<string, ReadJson>;

/** Every free-text string field in schemas/pipeline.schema.json (enums and constants excluded), map keys included. */
export function schemaStringFields(): StringField[] {
  const root = JSON.parse(readFileSync(join(ROOT, 'schemas', 'pipeline.schema.json'), 'utf8')) as Schema;
  const fields: StringField[] = [];
  const resolve = (s: Schema): Schema => (s.$ref ? { ...resolve(root.definitions[String(s.$ref).replace('#/definitions/', '')]), ...withoutRef(s) } : s);
  const withoutRef = (s: Schema): Schema => Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref'));
  const walk = (raw: Schema, path: string, seen: Set<string>): void => {
    const ref = raw.$ref ? String(raw.$ref).replace('#/definitions/', '') : null;
    if (ref === 'duration') return void fields.push({ path, kind: 'duration' });
    if (ref === 'command') return void fields.push({ path, kind: 'command' });
    if (ref && seen.has(ref)) return;
    const s = resolve(raw);
    const nextSeen = ref ? new Set([...seen, ref]) : seen;
    if (s.enum || s.const !== undefined) return;
    if (s.type === 'string') return void fields.push({ path, kind: 'data' });
    if (s.type === 'array' || s.items) {
      if (s.items) walk(s.items, `${path}[]`, nextSeen);
      return;
    }
    if (s.type === 'object' || s.properties || s.additionalProperties) {
      for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) walk(child, path ? `${path}.${key}` : key, nextSeen);
      if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${path}.*`, nextSeen);
      if (s.propertyNames) fields.push({ path: `${path}.<key>`, kind: 'data' });
    }
  };
  walk(root, '', new Set());
  return fields;
}

/** Sets one field in a raw config, creating what is missing; `*` picks the map's last key, `[]` the first item. */
export function setField(raw: Record<string, ReadJson>, path: string, value: string): void {
  const tokens = path.split('.');
  let current: ReadJson = raw;
  tokens.forEach((token, index) => {
    const last = index === tokens.length - 1;
    if (token === '<key>') {
      const keys = Object.keys(current);
      const old = keys[keys.length - 1] ?? 'k';
      const entries = Object.entries(current).map(([k, v]) => [k === old ? value : k, v] as const);
      if (!keys.length) entries.push([value, {}]);
      for (const k of keys) delete current[k];
      for (const [k, v] of entries) current[k] = v;
      return;
    }
    const isList = token.endsWith('[]');
    const name = isList ? token.slice(0, -2) : token;
    let key = name;
    if (name === '*') {
      const keys = Object.keys(current);
      key = keys[keys.length - 1] ?? 'k';
    }
    if (isList) {
      if (!Array.isArray(current[key])) current[key] = [];
      if (last) current[key][0] = value;
      else current = current[key][0] ??= {};
    } else if (last) current[key] = value;
    else current = current[key] ??= {};
  });
}
