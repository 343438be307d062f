// Writes the option tables of docs/helpers/<family>.md from the helpers' specs (run with tsx: node --import tsx scripts/gen-helper-docs.mjs).
// `--check` writes nothing and exits 1 when a page is out of date or a helper is on no page.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { check: { type: 'boolean', default: false } } });

const { HELPER_PAGES, withOptionsRegion } = await import(pathToFileURL(join(root, 'src/helpers/shared/options-doc.ts')).href);

// Every entry file under src/helpers/ is a helper (as scripts/build.mjs bundles them); importing one runs nothing.
const helpers = readdirSync(join(root, 'src/helpers'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const paged = Object.values(HELPER_PAGES).flat();
const problems = helpers
  .filter((h) => !paged.includes(h))
  .map((h) => `helper "${h}" is on no docs/helpers page: add it to HELPER_PAGES in src/helpers/shared/options-doc.ts`);
problems.push(...paged.filter((h) => !helpers.includes(h)).map((h) => `HELPER_PAGES lists "${h}", which is not a helper under src/helpers/`));

const stale = [];
for (const [page, names] of Object.entries(HELPER_PAGES)) {
  const specs = [];
  for (const name of names.filter((n) => helpers.includes(n))) specs.push((await import(pathToFileURL(join(root, 'src/helpers', `${name}.ts`)).href)).spec);
  const file = join(root, 'docs/helpers', page);
  const before = readFileSync(file, 'utf8');
  const after = withOptionsRegion(before, specs);
  if (after === before) continue;
  stale.push(`docs/helpers/${page}`);
  if (!args.check) writeFileSync(file, after);
}

for (const p of problems) process.stderr.write(`gen-helper-docs: ${p}\n`);
if (args.check && stale.length) process.stderr.write(`gen-helper-docs: out of date: ${stale.join(', ')}; run npm run docs:helpers\n`);
else if (stale.length) process.stdout.write(`gen-helper-docs: wrote ${stale.join(', ')}\n`);
process.exitCode = problems.length || (args.check && stale.length) ? 1 : 0;
