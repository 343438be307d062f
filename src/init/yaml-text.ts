// A small YAML writer for commented configs: mappings in block style, scalar lists in flow style, comments above and beside.
import jsYaml from 'js-yaml';

/** What a value init cannot know starts with: the user replaces it, and lint names every one left. */
export const TODO = 'TODO:';

export type Scalar = string | number | boolean;

export interface Entry {
  key: string;
  /** A scalar, a flow list of scalars, a nested mapping, or nothing for an empty mapping ("{}"). */
  value?: Scalar | Scalar[] | Entry[];
  /** Written after the value on the same line. */
  note?: string;
  /** Whole-line comments written above the key. */
  above?: string[];
  /** Written as comment lines: a suggestion the user may enable. */
  disabled?: boolean;
}

const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./@:+ -]*$/;

/** A scalar as YAML: plain when it reads back as the same string, JSON-quoted otherwise. */
export function scalar(value: Scalar): string {
  if (typeof value !== 'string') return String(value);
  if (PLAIN.test(value) && !value.endsWith(' ') && jsYaml.load(value, { schema: jsYaml.CORE_SCHEMA }) === value) return value;
  return JSON.stringify(value);
}

/** `commentAt`: the indent of a disabled ancestor, where every line below it gets its "# ", so deleting those uncomments it. */
function lines(entries: Entry[], indent: string, commentAt: string | null): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    const at = commentAt ?? (entry.disabled ? indent : null);
    const prefix = at === null ? indent : `${at}# ${indent.slice(at.length)}`;
    for (const line of entry.above ?? []) out.push(`${indent}# ${line}`.trimEnd());
    const note = entry.note ? `  # ${entry.note}` : '';
    const key = scalar(entry.key);
    const { value } = entry;
    if (value === undefined) out.push(`${prefix}${key}: {}${note}`);
    else if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object') {
      out.push(`${prefix}${key}:${note}`);
      out.push(...lines(value as Entry[], `${indent}  `, at));
    } else if (Array.isArray(value)) out.push(`${prefix}${key}: [${(value as Scalar[]).map(scalar).join(', ')}]${note}`);
    else out.push(`${prefix}${key}: ${scalar(value)}${note}`);
  }
  return out;
}

/** The document: header comment lines, then top-level sections (an entry or a group of entries) separated by blank lines. */
export function yamlText(header: string[], sections: Array<Entry | Entry[]>): string {
  const head = header.map((line) => `# ${line}`.trimEnd());
  const body = sections.map((section) => lines(Array.isArray(section) ? section : [section], '', null).join('\n'));
  return `${head.join('\n')}\n\n${body.join('\n\n')}\n`;
}
