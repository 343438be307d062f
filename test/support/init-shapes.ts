// The hand-written repository shapes of test/fixtures/init/shapes, and `pipewright init` + `gen` run on a scratch copy of one: shared by the init shapes test and the outcomes table over the configs init writes.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from './cli.js';
import { gitSync, tempDir } from './git-repo.js';

export const SHAPES = join(ROOT, 'test/fixtures/init/shapes');

export interface Shape {
  name: string;
  remote: string;
  /** Environments whose manifests run fewer replicas than the seed's table. */
  belowSeed: string[];
  /** Commands that stand in for the language's tools, which this machine does not run. */
  tools: string[];
}

export const SHAPES_LIST: Shape[] = [
  { name: 'python-kustomize', remote: 'https://github.com/acme/billing-service.git', belowSeed: [], tools: ['^pip install', '^python -m pytest'] },
  { name: 'node-helm', remote: 'https://github.com/acme/web-shop.git', belowSeed: [], tools: ['^npm '] },
  { name: 'maven-plain', remote: 'https://gitlab.example.com/acme/inventory-service.git', belowSeed: [], tools: ['^mvn '] },
  { name: 'one-replica', remote: 'https://github.com/acme/ledger.git', belowSeed: ['dev', 'staging', 'prod'], tools: ['^go '] },
];

/** Build images the presets name that are outside the simulator's image table, with their tools: the Maven image has mvn. */
export const PRESET_IMAGES: Record<string, string[]> = { 'maven:3.9-eclipse-temurin-21': ['mvn'] };

/**
 * A scratch git repository holding the shape (branch main, origin at its remote), with the pipeline.yaml init wrote
 * (its TODO placeholders left as they are: they are valid values) and the Jenkinsfile gen wrote from it. The caller
 * removes the folder.
 */
export function initShape(shape: Shape): string {
  const dir = tempDir(`pw-shape-${shape.name}-`);
  cpSync(join(SHAPES, shape.name), dir, { recursive: true });
  gitSync(dir, ['init', '-q', '-b', 'main']);
  gitSync(dir, ['remote', 'add', 'origin', shape.remote]);
  const init = runCli(['init', '--dir', dir], { input: '', timeoutMs: 30_000 });
  if (init.code !== 0) throw new Error(`init ${shape.name}: ${init.stderr}`);
  const gen = runCli(['gen', join(dir, 'pipeline.yaml')]);
  if (gen.code !== 0) throw new Error(`gen ${shape.name}: ${gen.stderr}`);
  return dir;
}
