// Enough of `kustomize build` for the deployment check: a kustomization's resources with its patches and replicas applied.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Document, isScalar, isSeq } from 'yaml';
import { InputRefused, readBoundedText } from '../shared/bounded-read.js';
import { HelperFailure } from '../shared/cli.js';
import { resolveInside } from '../shared/inside-root.js';
import { parseDocuments } from './yaml-nodes.js';

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The kinds a kustomization's `replicas:` entry changes; a Rollout is not one of them (kustomize leaves its
 * spec.replicas alone). Follows kustomize's api/internal/konfig/builtinpluginconsts/replicas.go (replicasFieldSpecs).
 */
const REPLICA_KINDS = new Set(['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet']);

/** A file's text through the bounded reader (a regular file under the manifest cap), or a refusal. */
export function readResource(path: string, rel: string): string {
  try {
    return readBoundedText(path, `the kustomization resource "${rel}"`, 'manifest');
  } catch (error) {
    if (error instanceof InputRefused) throw new HelperFailure(`refused: ${error.message}`, { refused: 'unreadable-resource' });
    throw error;
  }
}

/** A path a kustomization names, resolved against its folder and kept inside the repository (kustomize's load restrictor). */
function inside(root: string, file: string, rel: string): string {
  return resolveInside(root, relative(root, join(dirname(file), rel))).path;
}

/** The merge key of a list kubernetes merges item by item (containers, env, volumes: by name; ports: by containerPort). */
function mergeKey(a: Json[], b: Json[]): string | null {
  const all = [...a, ...b];
  if (all.length === 0 || !all.every(isObj)) return null;
  for (const key of ['name', 'containerPort']) if (all.every((item) => (item as Obj)[key] !== undefined || (item as Obj).$patch !== undefined)) return key;
  return null;
}

/**
 * A strategic merge: maps merge key by key, null deletes, lists of named items merge by name (containers), other
 * lists are replaced, and `$patch: replace | delete` are honoured. Simplified from kustomize's use of
 * k8s.io/apimachinery/pkg/util/strategicpatch (patch.go): it has no schema, so a list merges by `name` (or
 * `containerPort`) whenever every item has one, which is what the pod spec's lists do.
 */
export function strategicMerge(target: Json, patch: Json): Json {
  if (isObj(patch)) {
    if (patch.$patch === 'delete') return undefined;
    const { $patch, ...rest } = patch;
    if ($patch === 'replace' || !isObj(target)) return stripDirectives(rest);
    const out: Obj = { ...target };
    for (const [key, value] of Object.entries(rest)) {
      if (key.startsWith('$')) continue;
      if (value === null) delete out[key];
      else {
        const merged = strategicMerge(target[key], value);
        if (merged === undefined) delete out[key];
        else out[key] = merged;
      }
    }
    return out;
  }
  if (Array.isArray(patch) && Array.isArray(target)) {
    const key = mergeKey(target, patch);
    if (!key) return patch.map(stripDirectives);
    const out = [...target] as Obj[];
    for (const item of patch as Obj[]) {
      const at = out.findIndex((t) => t[key] === item[key]);
      if (item.$patch === 'delete') {
        if (at >= 0) out.splice(at, 1);
      } else if (at >= 0) out[at] = strategicMerge(out[at], item) as Obj;
      else out.push(stripDirectives(item) as Obj);
    }
    return out;
  }
  return stripDirectives(patch);
}

function stripDirectives(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isObj(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !k.startsWith('$'))
      .map(([k, v]) => [k, stripDirectives(v)]),
  );
}

/** RFC 6902 add / replace / remove on a JSON pointer (kustomize's patchesJson6902 and `patches:` with an op list). */
export function applyJsonPatch(doc: Obj, ops: Json[]): void {
  for (const op of ops) {
    if (!isObj(op) || typeof op.path !== 'string' || !['add', 'replace', 'remove'].includes(String(op.op))) continue;
    const parts = op.path
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: Json = doc;
    for (const part of parts.slice(0, -1)) {
      node = Array.isArray(node) ? node[Number(part)] : isObj(node) ? node[part] : undefined;
      if (node === undefined) break;
    }
    const last = parts[parts.length - 1];
    if (last === undefined || node === undefined || node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      const index = last === '-' ? node.length : Number(last);
      if (op.op === 'remove') node.splice(index, 1);
      else if (op.op === 'add') node.splice(index, 0, op.value);
      else node[index] = op.value;
    } else if (op.op === 'remove') delete (node as Obj)[last];
    else (node as Obj)[last] = op.value;
  }
}

interface Target {
  kind?: string;
  name?: string;
  labelSelector?: string;
}

/** kustomize's patch target: kind exactly, name as an anchored regular expression, labels as `key=value,…`. */
function matches(target: Target, doc: Obj): boolean {
  const metadata = isObj(doc.metadata) ? doc.metadata : {};
  if (target.kind && target.kind !== doc.kind) return false;
  if (target.name) {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${target.name})$`);
    } catch {
      return target.name === metadata.name;
    }
    if (!re.test(String(metadata.name ?? ''))) return false;
  }
  if (target.labelSelector) {
    const labels = isObj(metadata.labels) ? metadata.labels : {};
    for (const term of target.labelSelector.split(',')) {
      const [k, v] = term.split('=').map((s) => s.trim());
      if (!k || labels[k] === undefined || (v !== undefined && String(labels[k]) !== v)) return false;
    }
  }
  return true;
}

type Patch = { kind: 'merge'; docs: Obj[]; target: Target | null } | { kind: 'json'; ops: Json[]; target: Target };

/** A patch's text: a file next to the kustomization, or (a string with a line break or a colon) the patch itself. */
function patchText(root: string, file: string, value: string): string {
  if (!/[\n:]/.test(value)) {
    const path = inside(root, file, value);
    if (existsSync(path)) return readResource(path, value);
  }
  return value;
}

function parsePatch(text: string, target: Target | null): Patch | null {
  const docs = parseDocuments(text).map((d) => d.toJS() as Json);
  if (docs.length === 1 && Array.isArray(docs[0])) return target ? { kind: 'json', ops: docs[0], target } : null;
  return { kind: 'merge', docs: docs.filter(isObj), target };
}

function targetOf(node: Json): Target | null {
  return isObj(node)
    ? { kind: node.kind as string | undefined, name: node.name as string | undefined, labelSelector: node.labelSelector as string | undefined }
    : null;
}

/** The patches of one kustomization, in the order kustomize applies them (strategic merge, `patches:`, then JSON 6902). */
function patchesOf(root: string, file: string, k: Obj): Patch[] {
  const out: Patch[] = [];
  for (const item of Array.isArray(k.patchesStrategicMerge) ? k.patchesStrategicMerge : []) {
    if (typeof item !== 'string') continue;
    const p = parsePatch(patchText(root, file, item), null);
    if (p) out.push(p);
  }
  for (const item of Array.isArray(k.patches) ? k.patches : []) {
    if (!isObj(item)) continue;
    const text = typeof item.patch === 'string' ? item.patch : typeof item.path === 'string' ? patchText(root, file, item.path) : null;
    const p = text === null ? null : parsePatch(text, targetOf(item.target));
    if (p) out.push(p);
  }
  for (const item of Array.isArray(k.patchesJson6902) ? k.patchesJson6902 : []) {
    if (!isObj(item)) continue;
    const target = targetOf(item.target);
    const text = typeof item.patch === 'string' ? item.patch : typeof item.path === 'string' ? patchText(root, file, item.path) : null;
    const p = text === null || !target ? null : parsePatch(text, target);
    if (p?.kind === 'json') out.push(p);
  }
  return out;
}

function applyPatch(objects: Obj[], patch: Patch): Obj[] {
  if (patch.kind === 'json') {
    for (const o of objects) if (matches(patch.target, o)) applyJsonPatch(o, patch.ops);
    return objects;
  }
  return objects.map((o) => {
    let out: Obj = o;
    for (const p of patch.docs) {
      const metadata = isObj(p.metadata) ? p.metadata : {};
      // With a target the patch goes to every object it selects; without one, to the object of its own kind and name.
      const hit = patch.target ? matches(patch.target, o) : p.kind === o.kind && metadata.name === (isObj(o.metadata) ? o.metadata.name : undefined);
      // A patch under `target` may leave out kind and name; what it says about them is not a change.
      if (hit)
        out = strategicMerge(
          out,
          patch.target
            ? { ...p, kind: out.kind, metadata: { ...(isObj(p.metadata) ? p.metadata : {}), name: isObj(out.metadata) ? out.metadata.name : undefined } }
            : p,
        ) as Obj;
    }
    return out;
  });
}

/**
 * `replicas: [{ name, count }]`: spec.replicas of the objects of that name, of the kinds kustomize changes. An entry
 * that names none of them makes kustomize refuse the whole build ("resource with name … does not match a config with
 * the following GVK"; api/filters/replicacount and the ReplicaCountTransformer plugin), so it is refused here too.
 */
function applyReplicas(objects: Obj[], k: Obj, shown: string): void {
  for (const entry of Array.isArray(k.replicas) ? k.replicas : []) {
    if (!isObj(entry) || typeof entry.count !== 'number') continue;
    const named = objects.filter((o) => isObj(o.metadata) && o.metadata.name === entry.name);
    const changed = named.filter((o) => REPLICA_KINDS.has(String(o.kind)));
    if (changed.length === 0) {
      const others = [...new Set(named.map((o) => String(o.kind)))];
      const seen =
        others.length > 0
          ? ` (only a ${others.join(', a ')} of that name, whose replicas kustomize's replicas field does not set: set them in the ${others[0]} or with a patch)`
          : '';
      throw new HelperFailure(
        `refused: kustomize cannot build ${shown}: its replicas entry "${String(entry.name)}" names no Deployment, StatefulSet, ReplicaSet or ReplicationController${seen}`,
        { refused: 'kustomize-build' },
      );
    }
    for (const o of changed) o.spec = { ...(isObj(o.spec) ? o.spec : {}), replicas: entry.count };
  }
}

function hasTransforms(k: Obj): boolean {
  return ['patchesStrategicMerge', 'patches', 'patchesJson6902', 'replicas'].some((key) => Array.isArray(k[key]) && (k[key] as Json[]).length > 0);
}

/**
 * The documents a kustomization builds, from disk: its resources (files, and folders holding a kustomization, built
 * the same way first), then its patches and `replicas:` applied. Only inside the repository `root`, only regular
 * files under the manifest cap; remote resources are skipped.
 */
export function buildKustomization(root: string, file: string, kustomizations: Document[], depth = 0): Document[] {
  if (depth > 5) return [];
  const out: Document[] = [];
  for (const doc of kustomizations) {
    const built: Document[] = [];
    for (const key of ['resources', 'bases']) {
      const list = doc.get(key);
      if (!isSeq(list)) continue;
      for (const item of list.items) {
        const rel = String(isScalar(item) ? item.value : '');
        if (!rel || rel.includes('://')) continue;
        let path = inside(root, file, rel);
        if (!existsSync(path)) continue;
        if (statSync(path).isDirectory()) {
          const k = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((n) => join(path, n)).find(existsSync);
          if (!k) continue;
          path = resolveInside(root, relative(root, k)).path;
          built.push(...buildKustomization(root, path, parseDocuments(readResource(path, rel)), depth + 1));
        } else {
          built.push(...parseDocuments(readResource(path, rel)));
        }
      }
    }
    const k = doc.toJS() as Json;
    if (!isObj(k) || !hasTransforms(k)) {
      out.push(...built);
      continue;
    }
    // The patched objects are rebuilt as documents: their nodes no longer point into any one file.
    let objects = built.map((d) => d.toJS() as Json).filter(isObj);
    for (const patch of patchesOf(root, file, k)) objects = applyPatch(objects, patch);
    applyReplicas(objects, k, relative(root, file) || file);
    out.push(...objects.map((o) => new Document(o)));
  }
  return out;
}
