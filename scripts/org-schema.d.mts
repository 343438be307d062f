// Types for scripts/org-schema.mjs, which the build runs as plain JavaScript and a test imports.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function orgSchema(pipelineSchema: unknown): Record<string, any>;
