// `pipewright lint --print-config`: the merged configuration as YAML, each value followed by the file it came from.
import { Document, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { JsonPath } from '../core/diagnostic.js';
import type { OrgResolution } from './org.js';

function annotate(node: unknown, path: JsonPath, sources: Map<string, string>, fallback: string): void {
  if (!isMap(node)) return;
  for (const pair of node.items as Array<Pair<Node, Node>>) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    const here = [...path, key];
    if (isMap(value) && value.items.length > 0) {
      annotate(value, here, sources, fallback);
      continue;
    }
    const source = ` ${sources.get(JSON.stringify(here)) ?? fallback}`;
    if (isSeq(value) && value.items.every((item) => isScalar(item))) value.flow = true;
    // A list of mappings spans lines: the note goes after its key instead.
    if (isSeq(value) && !value.flow) pair.key.comment = source;
    else if (value) value.comment = source;
  }
}

/** The merged config with provenance; `file` is what labels the repository's own values. */
export function printConfig(merged: Record<string, unknown>, file: string, resolution: OrgResolution | undefined): string {
  const doc = new Document(merged);
  annotate(doc.contents, [], resolution?.sources ?? new Map(), file);
  const org = resolution?.org;
  const header = [
    `# the configuration of ${file}${org ? ` merged over org defaults "${org.name}" (${org.file})` : ''}`,
    '# the comment after each value names where it came from; keys not shown take pipewright\'s defaults ("pipewright schema" lists them)',
  ];
  const locks = org ? Object.entries(org.locks).map(([key, kind]) => `#   ${key}: ${kind}`) : [];
  const footer = locks.length ? [`# locked by "${org!.name}":`, ...locks] : [];
  return `${[...header, doc.toString({ lineWidth: 0 }).trimEnd(), ...footer].join('\n')}\n`;
}
