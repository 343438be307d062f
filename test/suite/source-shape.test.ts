// The shape of src/ (issue #19): no import cycle between its top-level folders, and no source file over 400 lines.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ROOT } from '../support/cli.js';

const SRC = join(ROOT, 'src');
const MAX_LINES = 400;

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
    .sort();
}

/** The top-level folder of src/ a file belongs to ('.' for files directly in src/), or null outside src/. */
function folderOf(file: string): string | null {
  const rel = relative(SRC, file);
  if (rel.startsWith('..')) return null;
  return rel.includes(sep) ? rel.split(sep)[0]! : '.';
}

/** Every relative import and re-export of a file (static, dynamic and type-only alike: a type import is still a dependency of meaning). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'(\.[^']+)'/gm)].map((m) => m[1]!);
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

/** Folder -> folders it imports from. */
function folderGraph(files: string[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = folderOf(file)!;
    for (const target of importsOf(file)) {
      const to = folderOf(target);
      if (to === null || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** The cycles of a graph, each as a path that ends where it starts (one per strongly connected pair found by DFS). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

test('no import cycle between the folders of src/', () => {
  const graph = folderGraph(sources());
  assert.ok(graph.get('cli')?.has('config'), 'the import reader sees cli -> config');
  assert.equal(
    cycles(graph).map((c) => c.join(' -> ')),
    [],
  );
});

test('the cycle finder finds a cycle (it can fail)', () => {
  const graph = new Map([
    ['config', new Set(['lint'])],
    ['lint', new Set(['config', 'core'])],
    ['core', new Set<string>()],
  ]);
  assert.equal(cycles(graph), [['config', 'lint', 'config']]);
});

test(`no file under src/ over ${MAX_LINES} lines`, () => {
  const long = sources()
    .map((file) => ({ file: relative(ROOT, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
    .filter((f) => f.lines > MAX_LINES)
    .map((f) => `${f.file}: ${f.lines} lines`);
  assert.equal(long, []);
});

test.run();
