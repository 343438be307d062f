// Finds how the repository deploys to Kubernetes: kustomize overlays, Helm values files or plain manifests, per environment.
import { readBounded } from '../helpers/shared/bounded-read.js';
import { join, posix } from 'node:path';
import jsYaml from 'js-yaml';
import { ENV_ALIASES, ENV_NAMES, envOf, type EnvName } from './environments.js';

export type ManifestKind = 'kustomize' | 'helm' | 'plain';

export interface ManifestFinding {
  kind: ManifestKind;
  /** The file that holds each environment's image, where the repository has one. */
  found: Partial<Record<EnvName, string>>;
  /** For every environment: the file found, or where one would go in the layout found. */
  paths: Record<EnvName, string>;
  /** Helm only: the key path of the image block in the values files. */
  helmKeyPath: string | null;
}

const KUSTOMIZATION = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
const WORKLOAD = /^kind:\s*["']?(Deployment|StatefulSet|DaemonSet|CronJob|Job|Pod|Rollout|ReplicationController)["']?\s*$/m;
const MAX_READ_BYTES = 512 * 1024;
const MAX_YAML_READS = 400;

function readSmall(root: string, file: string): string | null {
  try {
    return readBounded(join(root, file), `"${file}"`, MAX_READ_BYTES).toString('utf8');
  } catch {
    return null;
  }
}

/** The environment a path belongs to: the deepest folder named after one. */
function envOfFolders(file: string): EnvName | null {
  const folders = posix.dirname(file).split('/');
  for (let i = folders.length - 1; i >= 0; i--) {
    const env = envOf(folders[i]!);
    if (env) return env;
  }
  return null;
}

/** The environment a Helm values file is for: values-prod.yaml, values.production.yml, prod-values.yaml. */
function envOfValuesFile(file: string): EnvName | null {
  const base = posix.basename(file).replace(/\.ya?ml$/, '');
  const word = /^values[-._](.+)$/.exec(base)?.[1] ?? /^(.+)[-._]values$/.exec(base)?.[1];
  return word ? envOf(word) : null;
}

/** Among several files for one environment, the one most likely to be this app's. */
function pick(candidates: string[], app: string): string {
  return [...candidates].sort(
    (a, b) => Number(b.includes(app)) - Number(a.includes(app)) || a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0),
  )[0]!;
}

function byEnv(files: string[], envOfFile: (f: string) => EnvName | null, app: string): Partial<Record<EnvName, string>> {
  const out: Partial<Record<EnvName, string>> = {};
  for (const env of ENV_NAMES) {
    const candidates = files.filter((f) => envOfFile(f) === env);
    if (candidates.length) out[env] = pick(candidates, app);
  }
  return out;
}

/** The path with its last word naming `from` (any alias) replaced by `to`. */
function swapEnvironmentWord(file: string, from: EnvName, to: EnvName): string {
  const words = ENV_ALIASES[from].join('|');
  const matches = [...file.matchAll(new RegExp(`(?<=^|[/._-])(${words})(?=[/._-]|$)`, 'gi'))];
  const last = matches.at(-1);
  return last ? file.slice(0, last.index) + to + file.slice(last.index! + last[0].length) : file;
}

/** Where a missing environment's file goes: the found path with its environment word swapped, else beside the base. */
function placeholderPaths(kind: ManifestKind, found: Partial<Record<EnvName, string>>, base: string | null, app: string): Record<EnvName, string> {
  const sample = ENV_NAMES.map((env) => [env, found[env]] as const).find(([, file]) => file !== undefined);
  const paths = {} as Record<EnvName, string>;
  for (const env of ENV_NAMES) {
    const own = found[env];
    if (own) paths[env] = own;
    else if (sample) {
      const [sampleEnv, sampleFile] = sample;
      paths[env] = swapEnvironmentWord(sampleFile!, sampleEnv, env);
    } else if (base && kind === 'kustomize') {
      const dir = posix.dirname(base);
      const parent = posix.basename(dir) === 'base' ? posix.dirname(dir) : dir;
      paths[env] = posix.join(parent === '.' ? '' : parent, 'overlays', env, 'kustomization.yaml');
    } else if (base && kind === 'helm') paths[env] = posix.join(posix.dirname(base), `values-${env}.yaml`);
    else if (base) paths[env] = posix.join(posix.dirname(base), env, posix.basename(base));
    else paths[env] = `apps/${app}/overlays/${env}/kustomization.yaml`;
  }
  return paths;
}

/** The key path of the image block in a Helm values file: "image" when the file has one at the top. */
function helmImageKey(root: string, file: string | undefined): string | null {
  const text = file ? readSmall(root, file) : null;
  try {
    const values = text ? (jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) as Record<string, unknown> | null) : null;
    const image = values?.image;
    return image && typeof image === 'object' && !Array.isArray(image) ? 'image' : null;
  } catch {
    return null;
  }
}

export function inspectManifests(root: string, files: string[], app: string): ManifestFinding | null {
  const charts = files.filter((f) => posix.basename(f) === 'Chart.yaml').map((f) => posix.dirname(f));
  const inChart = (f: string): boolean => charts.some((c) => c === '.' || f.startsWith(`${c}/`));
  const kustomizations = files.filter((f) => KUSTOMIZATION.has(posix.basename(f)) && !inChart(f));
  const chartFolders = new Set(charts);
  const values = files.filter((f) => chartFolders.has(posix.dirname(f)) && /values.*\.ya?ml$/.test(posix.basename(f)));
  const kustomized = new Set(kustomizations.map((f) => posix.dirname(f)));
  let reads = 0;
  const workloads = files.filter((f) => {
    if (!/\.ya?ml$/.test(f) || KUSTOMIZATION.has(posix.basename(f)) || inChart(f) || reads >= MAX_YAML_READS) return false;
    reads++;
    const text = readSmall(root, f);
    return text !== null && /^apiVersion:/m.test(text) && WORKLOAD.test(text);
  });

  const options: Array<{ kind: ManifestKind; found: Partial<Record<EnvName, string>>; base: string | null }> = [
    { kind: 'kustomize', found: byEnv(kustomizations, envOfFolders, app), base: kustomizations.length ? pick(kustomizations, app) : null },
    { kind: 'helm', found: byEnv(values, envOfValuesFile, app), base: charts.length ? posix.join(pick(charts, app), 'values.yaml') : null },
    // Plain manifests under a kustomization are its resources, not a layout of their own.
    {
      kind: 'plain',
      found: byEnv(
        workloads.filter((f) => !kustomized.has(posix.dirname(f))),
        envOfFolders,
        app,
      ),
      base: workloads.length ? pick(workloads, app) : null,
    },
  ];
  const count = (o: (typeof options)[number]): number => Object.keys(o.found).length;
  const best = [...options].sort((a, b) => count(b) - count(a))[0]!;
  const chosen = count(best) > 0 ? best : options.find((o) => o.base !== null);
  if (!chosen) return null;
  return {
    kind: chosen.kind,
    found: chosen.found,
    paths: placeholderPaths(chosen.kind, chosen.found, chosen.base, app),
    helmKeyPath: chosen.kind === 'helm' ? helmImageKey(root, Object.values(chosen.found)[0] ?? chosen.base ?? undefined) : null,
  };
}
