// docs/reference.md's text (after its marker line) from schemas/pipeline.schema.json: every property with its description,
// type, default, examples and allowed values. scripts/generated.mjs writes it (npm run docs) or checks it (check:generated).

/** The reference page for `schema`, without the marker line that scripts/generated.mjs puts above it. */
export function referenceMarkdown(schema) {
  /** A schema with its local $ref followed; the referring schema's own keywords (description, default…) win. */
  function resolve(node) {
    if (!node || typeof node !== 'object' || !node.$ref) return node ?? {};
    const name = /^#\/definitions\/(.+)$/.exec(node.$ref)?.[1];
    if (!name || !schema.definitions?.[name]) throw new Error(`cannot resolve ${node.$ref}`);
    const { $ref, ...own } = node;
    return { ...resolve(schema.definitions[name]), ...own };
  }

  /** Inline code that survives backticks inside the text. */
  function code(text) {
    const s = String(text);
    return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
  }

  const json = (value) => code(JSON.stringify(value));

  /** Schema prose as Markdown: angle brackets outside code spans would read as HTML tags. */
  const prose = (text) =>
    text
      .split(/(`[^`]*`)/)
      .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
      .join('');

  function typeOf(node) {
    const s = resolve(node);
    if (s.const !== undefined) return `the constant ${json(s.const)}`;
    if (s.oneOf || s.anyOf) {
      const branches = (s.oneOf ?? s.anyOf).map(resolve).filter((b) => b.type || b.$ref || b.const !== undefined || b.enum);
      if (branches.length) return [...new Set(branches.map(typeOf))].join(' or ');
    }
    if (s.type === 'array') return `list of ${typeOf(s.items ?? {}).replace(/^(string|number|integer|boolean|mapping)\b/, '$1s')}`;
    if (s.type === 'object') return s.properties ? 'mapping' : s.additionalProperties ? `mapping of name to ${typeOf(s.additionalProperties)}` : 'mapping';
    if (s.enum) return s.type ?? 'string';
    return s.type ?? 'any';
  }

  function facts(node, required) {
    const s = resolve(node);
    const out = [`- Type: ${typeOf(s)}${required ? ' (required)' : ''}`];
    const items = s.type === 'array' ? resolve(s.items ?? {}) : null;
    const allowed = s.enum ?? items?.enum;
    // enumDescriptions (as VS Code's JSON schema support reads it): one line per value, saying what the value means.
    const meanings = s.enumDescriptions ?? items?.enumDescriptions;
    if (allowed && meanings?.length === allowed.length)
      out.push(`- Allowed values:\n${allowed.map((v, i) => `  - ${json(v)}: ${prose(meanings[i])}`).join('\n')}`);
    else if (allowed) out.push(`- Allowed values: ${allowed.map(json).join(', ')}`);
    if (s.default !== undefined) out.push(`- Default: ${json(s.default)}`);
    if (s.format) out.push(`- Format: ${s.format}`);
    const pattern = s.pattern ?? items?.pattern;
    if (pattern) out.push(`- Pattern: ${code(pattern)}`);
    if (s.propertyNames?.pattern || s.propertyNames?.$ref) out.push(`- Names: ${code(resolve(s.propertyNames).pattern)}`);
    const range = [
      s.minimum !== undefined && `at least ${s.minimum}`,
      s.maximum !== undefined && `at most ${s.maximum}`,
      s.minLength !== undefined && s.minLength > 0 && `at least ${s.minLength} character${s.minLength === 1 ? '' : 's'}`,
      s.maxLength !== undefined && `at most ${s.maxLength} characters`,
      s.minItems !== undefined && `at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}`,
      s.maxItems !== undefined && `at most ${s.maxItems} items`,
      s.minProperties !== undefined && `at least ${s.minProperties} key${s.minProperties === 1 ? '' : 's'}`,
      s.maxProperties !== undefined && `at most ${s.maxProperties} key${s.maxProperties === 1 ? '' : 's'}`,
      s.uniqueItems && 'no duplicates',
    ].filter(Boolean);
    if (range.length) out.push(`- Limits: ${range.join(', ')}`);
    const oneOfRequired = (s.oneOf ?? []).map((b) => b.required).filter(Boolean);
    if (oneOfRequired.length > 1 && oneOfRequired.every((r) => r.length === 1))
      out.push(`- Exactly one of: ${oneOfRequired.map((r) => code(r[0])).join(', ')}`);
    if (s.examples) out.push(`- Examples: ${s.examples.map(json).join(', ')}`);
    return out;
  }

  const anchor = (path) =>
    path
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const sections = [];
  const toc = [];

  /** One section per property, depth first in schema order; maps and lists of mappings descend through <name> and []. */
  function visit(path, node, required) {
    const s = resolve(node);
    const depth = path.split(/\.|\[\]/).filter(Boolean).length;
    sections.push(`${depth === 1 ? '##' : '###'} ${code(path)}\n\n${s.description ? `${prose(s.description)}\n\n` : ''}${facts(s, required).join('\n')}\n`);
    if (depth === 1) toc.push(`- [${code(path)}](#${anchor(path)})${s.description ? `: ${prose(s.description.split(/(?<=\.)\s/)[0])}` : ''}`);
    descend(path, s);
  }

  function descend(path, s) {
    if (s.properties) {
      for (const [key, child] of Object.entries(s.properties)) visit(`${path}${path ? '.' : ''}${key}`, child, (s.required ?? []).includes(key));
    } else if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') {
      const child = resolve(s.additionalProperties);
      if (child.properties) descend(`${path}.<name>`, child);
    } else if (s.type === 'array') {
      const items = resolve(s.items ?? {});
      if (items.properties) descend(`${path}[]`, items);
    }
  }

  for (const [key, child] of Object.entries(schema.properties)) visit(key, child, (schema.required ?? []).includes(key));

  return `# pipeline.yaml reference

${prose(schema.description)}

Schema: ${code(schema.$id)} (print it with ${code('pipewright schema')}). Editors that use yaml-language-server validate and
complete pipeline.yaml from it: see [editor.md](editor.md). Paths below use ${code('<name>')} for a key you choose
(an environment's name) and ${code('[]')} for the items of a list.

## Top-level keys

${toc.join('\n')}

${sections.join('\n')}`;
}
