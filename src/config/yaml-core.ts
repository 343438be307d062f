// The YAML 1.2 core schema, exactly, for both parsers: js-yaml's CORE_SCHEMA also reads 0b11 and -0x1F as numbers
// and misses +.5, so its int and float types are replaced by the spec's regular expressions (YAML 1.2.2, 10.3.2).
import jsYaml from 'js-yaml';

const INT_DECIMAL = /^[-+]?[0-9]+$/;
const INT_OCTAL = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INFINITY = /^[-+]?\.(inf|Inf|INF)$/;
const NOT_A_NUMBER = /^\.(nan|NaN|NAN)$/;

// js-yaml exports its built-in types, but @types/js-yaml does not declare them.
const builtin = (jsYaml as unknown as { types: Record<'null' | 'bool', jsYaml.Type> }).types;

const isNumber = (value: unknown): value is number => typeof value === 'number';

const coreInt = new jsYaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && (INT_DECIMAL.test(data) || INT_OCTAL.test(data) || INT_HEX.test(data)),
  construct: (data: string) => (INT_OCTAL.test(data) ? parseInt(data.slice(2), 8) : INT_HEX.test(data) ? parseInt(data.slice(2), 16) : Number(data)),
  predicate: (value: unknown) => isNumber(value) && Number.isInteger(value) && !Object.is(value, -0),
  represent: (value: object) => String(value),
});

const coreFloat = new jsYaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && (FLOAT.test(data) || INFINITY.test(data) || NOT_A_NUMBER.test(data)),
  construct: (data: string) => (NOT_A_NUMBER.test(data) ? NaN : INFINITY.test(data) ? (data.startsWith('-') ? -Infinity : Infinity) : parseFloat(data)),
  predicate: (value: unknown) => isNumber(value) && (!Number.isInteger(value) || Object.is(value, -0)),
  represent: (value: object) => String(value),
});

const MAY_RESOLVE = /^[-+.0-9~nNtTfF]/;

/** The types a plain scalar may resolve to, in the order js-yaml tries them. */
const IMPLICIT = [builtin.null, builtin.bool, coreInt, coreFloat];

/** js-yaml schema: YAML 1.2 core (null, bool, int, float over the failsafe str, seq, map), no merge keys, no timestamps. */
export const CORE_1_2_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({ implicit: IMPLICIT });

/** A plain scalar's value under CORE_1_2_SCHEMA, as js-yaml's composeNode gives it: the first implicit type that resolves it constructs it, else the string. */
export function plainScalarValue(text: string): unknown {
  // Every null, bool, int and float starts with one of these (see the types' patterns): any other first character
  // makes a string, as most plain scalars are, without trying six patterns.
  if (!MAY_RESOLVE.test(text)) return text;
  for (const type of IMPLICIT) if (type.resolve(text)) return type.construct(text);
  return text;
}

/** The matching `yaml` options: YAML 1.2, core schema, no merge keys. */
export const YAML_CORE_OPTIONS = { version: '1.2', schema: 'core', merge: false } as const;
