// Reads what each environment's manifest already runs: the app's image name, and its replicas, strategy and resources profile.
import { join } from 'node:path';
import { isMap, isSeq, type YAMLMap } from 'yaml';
import { readBoundedText } from '../helpers/shared/bounded-read.js';
import { containerImages, observeDeployment, type ObservedDeployment } from '../helpers/gitops/deployment-check.js';
import { canonicalName, parseImageRef } from '../helpers/gitops/image-ref.js';
import { isKustomization } from '../helpers/gitops/format-kustomize.js';
import { helmImageBlocks, type HelmImageBlock } from '../helpers/gitops/format-helm.js';
import { parseDocuments, stringOf } from '../helpers/gitops/yaml-nodes.js';
import { ENV_NAMES, type EnvName } from './environments.js';
import type { ManifestFinding } from './manifests.js';

export interface EnvironmentReading {
  file: string;
  /** The image the app's workloads run, as the manifest names it (without tag). */
  image: string | null;
  /** The first workload running the image (Helm: the values file itself); null when none was found. */
  observed: ObservedDeployment | null;
  /** Helm: the values file's image blocks, and the one at helmKeyPath (or "image") that init configures, if any. */
  helm?: { blocks: HelmImageBlock[]; block: HelmImageBlock | null };
}

export interface DeploymentFindings {
  /** The image every found environment agrees on (the first environment's when they differ). */
  image: string | null;
  environments: Partial<Record<EnvName, EnvironmentReading>>;
}

/** The last path component of an image name: what is compared with the app's name. */
const baseName = (image: string): string => image.split('/').pop()!;

/** Among several image names, the app's: the one named like the app, else the first. */
function pickImage(names: string[], app: string): string | null {
  return names.find((n) => baseName(n) === app) ?? names[0] ?? null;
}

/** A kustomization's images: entries as [published name, the name the workloads use]. */
function kustomizeImages(source: string): Array<{ name: string; alias: string | null }> {
  const out: Array<{ name: string; alias: string | null }> = [];
  for (const doc of parseDocuments(source).filter(isKustomization)) {
    const images = doc.get('images');
    if (!isSeq(images)) continue;
    for (const entry of images.items) {
      if (!isMap(entry)) continue;
      const name = stringOf(entry as YAMLMap, 'name');
      const newName = stringOf(entry as YAMLMap, 'newName');
      if (newName ?? name) out.push({ name: (newName ?? name)!, alias: newName && name ? name : null });
    }
  }
  return out;
}

/** The image a Helm values file's image block names (registry + repository), at `keyPath` or "image". */
function helmImage(source: string, keyPath: string | null): string | null {
  const values = parseDocuments(source)[0];
  const block = values?.getIn((keyPath ?? 'image').split('.'));
  if (typeof block === 'string') return parseImageRef(block)?.name ?? null;
  if (!isMap(block)) return null;
  const repository = stringOf(block, 'repository') ?? stringOf(block, 'image');
  if (!repository) return null;
  const registry = stringOf(block, 'registry') ?? (values?.getIn(['global', 'imageRegistry']) as string | undefined);
  return typeof registry === 'string' && registry !== '' ? `${registry}/${repository}` : repository;
}

function readEnvironment(root: string, file: string, manifests: ManifestFinding, app: string): EnvironmentReading {
  const source = readBoundedText(join(root, file), `"${file}"`, 'manifest');
  if (manifests.kind === 'helm') {
    const image = helmImage(source, manifests.helmKeyPath);
    const blocks = helmImageBlocks(parseDocuments(source), source);
    const helm = { blocks, block: blocks.find((b) => b.keyPath === (manifests.helmKeyPath ?? 'image')) ?? null };
    return { file, image, observed: observeDeployment(file, source, 'helm', [], root)[0] ?? null, helm };
  }
  const path = join(root, file);
  const running = containerImages(path, source, manifests.kind, root);
  const entries = manifests.kind === 'kustomize' ? kustomizeImages(source) : [];
  // A kustomization renames the image its workloads run: the new name is what gets published and bumped.
  const entry = entries.find((e) => baseName(e.name) === app) ?? entries.find((e) => e.alias !== null && running.includes(e.alias)) ?? entries[0];
  const image = entry?.name ?? pickImage(running, app);
  if (!image) return { file, image: null, observed: null };
  const names = [image, ...(entry?.alias ? [entry.alias] : [])];
  return { file, image, observed: observeDeployment(path, source, manifests.kind, names, root)[0] ?? null };
}

/** Reads every found environment's manifest; one that cannot be read or parsed is left out (init then writes the seed's values). */
export function readDeployments(root: string, manifests: ManifestFinding | null, app: string): DeploymentFindings {
  const environments: Partial<Record<EnvName, EnvironmentReading>> = {};
  for (const env of ENV_NAMES) {
    const file = manifests?.found[env];
    if (!file) continue;
    try {
      environments[env] = readEnvironment(root, file, manifests!, app);
    } catch {
      // unreadable, too large, not YAML, or a resource outside the repository: nothing to learn from it
    }
  }
  const images = ENV_NAMES.map((env) => environments[env]?.image).filter((i): i is string => !!i);
  return { image: images[0] ?? null, environments };
}

export interface ImageLocation {
  type: 'ecr' | 'dockerhub' | 'generic';
  url: string;
  repository: string;
}

/** The schema's patterns for registry.url and image.repository: a name that fits neither is not written. */
const REGISTRY_URL = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(\/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*$/;
const REPOSITORY = /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?(\/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*$/;

/** Splits an image name into the registry pipeline.yaml configures and the repository path under it. */
export function locateImage(image: string): ImageLocation | null {
  const canonical = canonicalName(image);
  const slash = canonical.indexOf('/');
  const host = canonical.slice(0, slash);
  let repository = canonical.slice(slash + 1);
  let type: ImageLocation['type'] = 'generic';
  if (host === 'docker.io') {
    type = 'dockerhub';
    repository = repository.replace(/^library\//, '');
  } else if (/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/.test(host)) type = 'ecr';
  if (!REGISTRY_URL.test(host) || !REPOSITORY.test(repository)) return null;
  return { type, url: host, repository };
}
