// Helm values: image blocks (repository/tag, registry/repository/tag/digest, image/tag, nested per component, tag-only subchart blocks) and image strings, found by name or by a key path.
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { HelperFailure } from '../shared/cli.js';
import { scalarImageOccurrence } from './format-plain.js';
import { parseImageRef, sameImageName, sameRepositoryPath } from './image-ref.js';
import type { ImageOccurrence, ImageTarget } from './occurrence.js';
import { lineNumberAt, replaceScalar, type Edit } from './splice.js';
import { formatPath, insertPairAfter, keyOf, nodeAtKeyPath, pairOf, scalarOf, settableScalarOf, stringOf, visitMaps, type PathPart } from './yaml-nodes.js';

/** The key naming the repository inside an image block: "repository", "image" (ingress-nginx), or "name" under an "image" key. */
function repositoryKey(map: YAMLMap, path: PathPart[]): string | null {
  for (const key of ['repository', 'image']) if (typeof scalarOf(map, key)?.value === 'string') return key;
  if (path[path.length - 1] === 'image' && typeof scalarOf(map, 'name')?.value === 'string') return 'name';
  return null;
}

const SHA256 = /^sha256:[a-fA-F0-9]{64}$/;
const BARE_SHA256 = /^[a-fA-F0-9]{64}$/;

/**
 * The key a chart reads the digest from: "digest" (bitnami, ingress-nginx), "sha" (grafana, vector and others,
 * which template "@sha256:{{ sha }}"), or any other key whose value is already a sha256: digest.
 */
function digestKeyOf(map: YAMLMap): string | null {
  for (const key of ['digest', 'sha']) if (settableScalarOf(map, key)) return key;
  for (const pair of map.items) {
    const key = keyOf(pair as Pair);
    if (key !== null && key !== 'tag' && SHA256.test(stringOf(map, key) ?? '')) return key;
  }
  return null;
}

/**
 * How a digest is written under its key: as the block already writes it (a bare hex value stays bare), and when
 * empty by the key's convention: "sha" holds the hex alone (the chart adds "@sha256:"), any other key the whole digest.
 */
function digestText(key: string, current: string, digest: string): string {
  const bare = BARE_SHA256.test(current) || (current === '' && key === 'sha');
  if (!bare) return digest;
  if (!SHA256.test(digest))
    throw new HelperFailure(`the image block's "${key}" holds a sha256 hex value (the chart adds "@sha256:"), so ${digest} cannot be written there`, {
      refused: 'unsupported-manifest',
    });
  return digest.slice('sha256:'.length);
}

/** A digest as read from a block, in one form ("sha256:<hex>") whichever way the chart writes it. */
function readDigest(map: YAMLMap, key: string | null): string | null {
  const value = key ? (stringOf(map, key) ?? '') : '';
  if (value === '') return null;
  return BARE_SHA256.test(value) ? `sha256:${value}` : value;
}

function isImageBlock(map: YAMLMap, path: PathPart[]): boolean {
  return repositoryKey(map, path) !== null && (pairOf(map, 'tag') !== undefined || digestKeyOf(map) !== null);
}

/** A chart-wide registry ("global.image.registry" or "global.imageRegistry"), used by blocks without their own. */
function globalRegistry(doc: Document): string | null {
  for (const path of [
    ['global', 'image', 'registry'],
    ['global', 'imageRegistry'],
  ]) {
    const value = doc.getIn(path);
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

function blockEdits(source: string, block: YAMLMap, nameKey: string | null, target: ImageTarget, tag: string | null, digest: string | null): Edit[] {
  const edits: Edit[] = [];
  const tagNode = settableScalarOf(block, 'tag');
  const key = digestKeyOf(block);
  const digestNode = key ? settableScalarOf(block, key) : undefined;
  const current = key ? (stringOf(block, key) ?? '') : '';
  if (tag !== null) {
    if (tagNode) {
      if (stringOf(block, 'tag') !== tag) edits.push(replaceScalar(source, tagNode, tag));
    } else {
      // After the repository; a block without one (the subchart supplies it) holds a digest key to follow.
      edits.push(insertPairAfter(source, block, (nameKey ? pairOf(block, nameKey) : pairOf(block, key!)) as Pair, 'tag', tag));
    }
  }
  if (digest !== null) {
    if (digestNode && target.digestKey && target.digestKey !== key) {
      throw new HelperFailure(`the image block already keeps its digest under "${key}", not "${target.digestKey}"; leave out --digest-key`, {
        refused: 'digest-key',
      });
    }
    if (digestNode) {
      const text = digestText(key!, current, digest);
      if (current !== text) edits.push(replaceScalar(source, digestNode, text));
    } else if (target.digestKey) {
      const anchor = (pairOf(block, 'tag') ?? pairOf(block, nameKey!)) as Pair;
      edits.push(insertPairAfter(source, block, anchor, target.digestKey, digestText(target.digestKey, '', digest)));
    } else {
      // The chart decides which key it reads; a guessed "digest:" that it never reads would report the image pinned when it is not.
      throw new HelperFailure(
        'the image block has no digest key ("digest", "sha" or one holding a sha256: digest), so the chart reads none; give --digest-key KEY to add one',
        {
          refused: 'digest-key',
        },
      );
    }
  } else if (tag !== null && digestNode && current !== '') {
    // Charts prefer a digest over the tag: a stale one would keep the old image running; empty is "unset" to them.
    edits.push(replaceScalar(source, digestNode, ''));
  }
  // Two insertions at one offset must keep their order (tag before digest).
  if (edits.length === 2 && edits[0]!.start === edits[1]!.start && edits[0]!.end === edits[1]!.end)
    return [{ ...edits[0]!, text: edits[0]!.text + edits[1]!.text }];
  return edits;
}

function blockOccurrence(source: string, block: YAMLMap, path: PathPart[], document: number, target: ImageTarget): ImageOccurrence {
  const nameKey = repositoryKey(block, path);
  const key = digestKeyOf(block);
  const at = settableScalarOf(block, 'tag') ?? (nameKey ? scalarOf(block, nameKey) : undefined) ?? settableScalarOf(block, key!)!;
  return {
    path: formatPath(path),
    line: lineNumberAt(source, at.range![0]),
    document,
    container: null,
    workload: null,
    tag: stringOf(block, 'tag') || null,
    digest: readDigest(block, key),
    edits: (tag, digest) => blockEdits(source, block, nameKey, target, tag, digest),
  };
}

/** The names a block may go by: registry/repository (registry from the block or the chart-wide one), and the repository alone. */
function blockMatches(doc: Document, block: YAMLMap, path: PathPart[], image: string): boolean {
  const repository = stringOf(block, repositoryKey(block, path)!)!;
  const registry = stringOf(block, 'registry') || globalRegistry(doc);
  const names = registry ? [`${registry}/${repository}`, repository] : [repository];
  return names.some((name) => sameImageName(name, image));
}

/** What a node holds, for a refusal that says what the key path names instead of an image. */
function describeNode(node: Node | null): string {
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'nothing (null)';
    if (typeof value === 'string') return `the string "${value}"`;
    return `the ${typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'value'} ${String(value)}`;
  }
  if (isSeq(node)) return 'a list';
  if (isMap(node)) {
    const keys = node.items.map((p) => keyOf(p as Pair)).filter((k): k is string => k !== null);
    return `a map without "repository", "tag" or a digest key (its keys: ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''})`;
  }
  return 'something else';
}

/**
 * The image at --helm-key-path: a block (with a repository that names --image, or tag-only: the subchart
 * supplies the repository) or an image string naming --image. Anything else is refused, saying what is there,
 * so a bump never writes a tag into a field that is not an image's.
 */
function keyPathOccurrence(doc: Document, source: string, document: number, target: ImageTarget): ImageOccurrence | null {
  const keyPath = target.helmKeyPath!;
  const node = nodeAtKeyPath(doc, keyPath);
  if (node === undefined) return null;
  const path = keyPath.split('.');
  const refuse = (what: string, hint = ''): never => {
    throw new HelperFailure(`--helm-key-path "${keyPath}" holds ${what}, not an image of "${target.image}"${hint}; the file is unchanged`, {
      refused: 'not-an-image',
    });
  };
  if (isMap(node)) {
    const nameKey = repositoryKey(node, path);
    if (nameKey) {
      const registry = stringOf(node, 'registry') || globalRegistry(doc);
      const repository = stringOf(node, nameKey)!;
      const written = parseImageRef(repository);
      if (pairOf(node, 'tag') === undefined && digestKeyOf(node) === null && (written?.tag || written?.digest)) {
        // "image: repo:tag" beside other settings is an image string, not a block: a tag inserted beside it would be ignored.
        refuse(`a map whose "${nameKey}" is the image string "${repository}"`, `; give --helm-key-path "${keyPath}.${nameKey}"`);
      }
      // Without a registry in this file the chart supplies one, so the repository's path is enough to agree.
      if (!blockMatches(doc, node, path, target.image) && !(registry === null && sameRepositoryPath(repository, target.image))) {
        refuse(`an image block for "${registry ? `${registry}/` : ''}${repository}"`, '; check --image and --helm-key-path');
      }
      return blockOccurrence(source, node, path, document, target);
    }
    if (pairOf(node, 'tag') !== undefined || digestKeyOf(node) !== null) return blockOccurrence(source, node, path, document, target);
    return refuse(describeNode(node));
  }
  if (isScalar(node) && typeof node.value === 'string') {
    const ref = parseImageRef(node.value);
    if (ref && sameImageName(ref.name, target.image)) {
      const parent = path.length > 1 ? nodeAtKeyPath(doc, path.slice(0, -1).join('.')) : doc.contents;
      const occurrence = isMap(parent)
        ? scalarImageOccurrence(parent, path.slice(0, -1), { source, document, workload: null, target, key: path[path.length - 1]! })
        : null;
      if (occurrence) return occurrence;
    }
    const parentPath = path.slice(0, -1).join('.');
    const hint = path[path.length - 1] === 'tag' && parentPath ? `; to set this tag, give the path of the block holding it ("${parentPath}")` : '';
    return refuse(ref && /[/:@]/.test(node.value) ? `the image "${node.value}"` : describeNode(node), hint);
  }
  return refuse(describeNode(node as Node | null));
}

export function findHelmImages(docs: Document[], source: string, target: ImageTarget): ImageOccurrence[] {
  const found: ImageOccurrence[] = [];
  docs.forEach((doc, document) => {
    if (target.helmKeyPath) {
      const occurrence = keyPathOccurrence(doc, source, document, target);
      if (occurrence) found.push(occurrence);
      return;
    }
    visitMaps(doc.contents, [], (map, path) => {
      if (isImageBlock(map, path)) {
        if (blockMatches(doc, map, path, target.image)) found.push(blockOccurrence(source, map, path, document, target));
        return;
      }
      const occurrence = scalarImageOccurrence(map, path, { source, document, workload: null, target });
      if (occurrence) found.push(occurrence);
    });
  });
  return found;
}

/** An image block of a values file, for messages that say what the file holds instead of the image asked for. */
export interface HelmImageBlock {
  /** Its key path ("image", "backend.image"): what helmKeyPath names. */
  keyPath: string;
  /** The keys that name the image there ("image.registry" + "image.repository", or "image.repository" alone). */
  keys: string[];
  /** registry/repository as the chart would pull it (the chart-wide registry when the block has none). */
  name: string;
  line: number;
}

/** Every image block (a repository and a tag or digest) of a values file, in file order. */
export function helmImageBlocks(docs: Document[], source: string): HelmImageBlock[] {
  const out: HelmImageBlock[] = [];
  for (const doc of docs) {
    visitMaps(doc.contents, [], (map, path) => {
      if (!isImageBlock(map, path)) return;
      const nameKey = repositoryKey(map, path)!;
      const keyPath = path.map(String).join('.');
      const own = stringOf(map, 'registry');
      const registry = own || globalRegistry(doc);
      const repository = stringOf(map, nameKey)!;
      out.push({
        keyPath,
        keys: [...(own ? [`${keyPath}.registry`] : []), `${keyPath}.${nameKey}`],
        name: registry ? `${registry}/${repository}` : repository,
        line: lineNumberAt(source, scalarOf(map, nameKey)!.range![0]),
      });
    });
  }
  return out;
}
