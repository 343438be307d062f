// Derives schemas/org-defaults.schema.json from the pipeline schema: the same shape with every key optional, plus `locks` (scripts/generated.mjs writes it with its marker).

/** Drops `required` everywhere except inside oneOf/anyOf branches, where it picks the branch rather than demanding a key. */
function optional(node, inUnion = false) {
  if (Array.isArray(node)) return node.map((n) => optional(n, inUnion));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required' && !inUnion) continue;
    out[key] = key === 'oneOf' || key === 'anyOf' ? value.map((branch) => optional(branch, true)) : optional(value, false);
  }
  return out;
}

export function orgSchema(pipelineSchema) {
  const schema = optional(pipelineSchema);
  const { extends: _extends, app: _app, ...properties } = schema.properties;
  return {
    $schema: schema.$schema,
    $id: 'https://pipewright.dev/schemas/org-defaults.schema.json',
    title: 'pipewright org defaults',
    description: 'Org-wide defaults and policy that a pipeline.yaml names in "extends": the shape of pipeline.yaml with every key optional, plus "locks".',
    type: 'object',
    additionalProperties: false,
    properties: {
      ...properties,
      locks: {
        type: 'object',
        description:
          'Values a repository may not weaken, keyed by dotted path into this file: "minimum" (a number or duration the repository may raise), "maximum" (may lower), ' +
          '"includes" (a list the repository must contain), "fixed" (must equal). "production.approval" and "production.secretScanning" take "required".',
        propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9_-]+)+$' },
        additionalProperties: { type: 'string', enum: ['fixed', 'minimum', 'maximum', 'includes', 'required'] },
        examples: [{ 'gates.coverage.min': 'minimum', 'security.trivy.failOn': 'includes', 'production.approval': 'required' }],
      },
    },
    definitions: schema.definitions,
  };
}
