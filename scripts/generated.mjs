// The repository's own generated files besides gen's Jenkinsfiles and lib's library: schemas/org-defaults.schema.json and
// docs/reference.md, derived from schemas/pipeline.schema.json and written (`npm run docs`) or checked (`--check`, part of
// `npm run check:generated`) through the one synthesis step, src/generated/synth.ts. `--root DIR` works on a copy.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { orgSchema } from './org-schema.mjs';
import { referenceMarkdown } from './gen-reference.mjs';

const { values: args } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    root: { type: 'string', default: join(dirname(fileURLToPath(import.meta.url)), '..') },
  },
});
const { generatedFile, synthesize } = await tsImport('../src/generated/synth.ts', import.meta.url);
const { htmlMarker, jsonWithMarker } = await tsImport('../src/generated/marker.ts', import.meta.url);

const SOURCE = 'schemas/pipeline.schema.json';
// Paths as the reader's shell would name them, for the messages and the diff.
const at = (path) => relative(process.cwd(), join(args.root, path)) || '.';
const pipeline = JSON.parse(readFileSync(join(args.root, SOURCE), 'utf8'));
const instruction = (script) => `change ${SOURCE} or scripts/${script} and run "npm run docs"`;
const files = [
  generatedFile(
    at('schemas/org-defaults.schema.json'),
    'json',
    jsonWithMarker({ detail: ` from ${SOURCE} (scripts/org-schema.mjs)`, instruction: instruction('org-schema.mjs') }, orgSchema(pipeline)),
  ),
  generatedFile(
    at('docs/reference.md'),
    'html',
    `${htmlMarker({ detail: ` from ${SOURCE} (scripts/gen-reference.mjs)`, instruction: instruction('gen-reference.mjs') })}\n${referenceMarkdown(pipeline)}`,
  ),
];

// These files are the repository's own: a hand edit is overwritten like any stale file.
const report = synthesize(files, { check: args.check, force: true });
if (args.check) {
  for (const { path, missing, diff } of report.stale) {
    process.stdout.write(`${path}: ${missing ? 'missing' : `differs from what ${SOURCE} generates`}\n${diff}`);
  }
  if (report.stale.length) {
    process.stderr.write(`${report.stale.map((s) => s.path).join(' and ')} out of date with ${SOURCE}; run "npm run docs" and commit the result\n`);
    process.exitCode = 1;
  }
} else {
  for (const path of report.written) process.stdout.write(`wrote ${path}\n`);
}
