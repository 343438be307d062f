// Helm values: image blocks (repository/tag, registry/repository/tag/digest, image/tag, nested per component) and image strings, found by name or by a key path.
import { isMap, isScalar, type Document, type Pair, type YAMLMap } from 'yaml';
import { scalarImageOccurrence } from './format-plain.js';
import { sameImageName } from './image-ref.js';
import type { ImageOccurrence, ImageTarget } from './occurrence.js';
import { lineNumberAt, replaceScalar, type Edit } from './splice.js';
import { formatPath, insertPairAfter, nodeAtKeyPath, pairOf, scalarOf, stringOf, visitMaps, type PathPart } from './yaml-nodes.js';

/** The key naming the repository inside an image block: "repository", "image" (ingress-nginx), or "name" under an "image" key. */
function repositoryKey(map: YAMLMap, path: PathPart[]): string | null {
  for (const key of ['repository', 'image']) if (typeof scalarOf(map, key)?.value === 'string') return key;
  if (path[path.length - 1] === 'image' && typeof scalarOf(map, 'name')?.value === 'string') return 'name';
  return null;
}

function isImageBlock(map: YAMLMap, path: PathPart[]): boolean {
  return repositoryKey(map, path) !== null && (pairOf(map, 'tag') !== undefined || pairOf(map, 'digest') !== undefined);
}

/** A chart-wide registry ("global.image.registry" or "global.imageRegistry"), used by blocks without their own. */
function globalRegistry(doc: Document): string | null {
  for (const path of [['global', 'image', 'registry'], ['global', 'imageRegistry']]) {
    const value = doc.getIn(path);
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

function blockEdits(source: string, block: YAMLMap, nameKey: string, tag: string | null, digest: string | null): Edit[] {
  const edits: Edit[] = [];
  const tagNode = scalarOf(block, 'tag');
  const digestNode = scalarOf(block, 'digest');
  if (tag !== null) {
    if (tagNode) {
      if (String(tagNode.value) !== tag) edits.push(replaceScalar(tagNode, tag));
    } else {
      edits.push(insertPairAfter(source, pairOf(block, nameKey) as Pair, 'tag', tag));
    }
  }
  if (digest !== null) {
    if (digestNode) {
      if (String(digestNode.value) !== digest) edits.push(replaceScalar(digestNode, digest));
    } else {
      edits.push(insertPairAfter(source, (pairOf(block, 'tag') ?? pairOf(block, nameKey)) as Pair, 'digest', digest));
    }
  } else if (tag !== null && digestNode && String(digestNode.value) !== '') {
    // Charts prefer a digest over the tag: a stale one would keep the old image running; empty is "unset" to them.
    edits.push(replaceScalar(digestNode, ''));
  }
  return edits;
}

function blockOccurrence(source: string, block: YAMLMap, path: PathPart[], document: number): ImageOccurrence {
  const nameKey = repositoryKey(block, path)!;
  const at = scalarOf(block, 'tag') ?? scalarOf(block, nameKey)!;
  return {
    path: formatPath(path),
    line: lineNumberAt(source, at.range![0]),
    document,
    container: null,
    workload: null,
    tag: stringOf(block, 'tag') || null,
    digest: stringOf(block, 'digest') || null,
    edits: (tag, digest) => blockEdits(source, block, nameKey, tag, digest),
  };
}

function blockMatches(doc: Document, block: YAMLMap, path: PathPart[], image: string): boolean {
  const repository = stringOf(block, repositoryKey(block, path)!)!;
  const registry = stringOf(block, 'registry') || globalRegistry(doc);
  const names = registry ? [`${registry}/${repository}`, repository] : [repository];
  return names.some((name) => sameImageName(name, image));
}

export function findHelmImages(docs: Document[], source: string, target: ImageTarget): ImageOccurrence[] {
  const found: ImageOccurrence[] = [];
  docs.forEach((doc, document) => {
    if (target.helmKeyPath) {
      const node = nodeAtKeyPath(doc, target.helmKeyPath);
      const path = target.helmKeyPath.split('.');
      if (isMap(node) && repositoryKey(node, path)) found.push(blockOccurrence(source, node, path, document));
      else if (isScalar(node)) {
        // An image string at the key path: read from its parent map, so the plain string rules apply.
        const parent = nodeAtKeyPath(doc, path.slice(0, -1).join('.')) ?? doc.contents;
        const key = path[path.length - 1]!;
        if (isMap(parent)) {
          const occurrence = scalarImageOccurrence(parent, path.slice(0, -1), { source, document, workload: null, target, matchAnyName: true, key });
          if (occurrence) found.push(occurrence);
        }
      }
      return;
    }
    visitMaps(doc.contents, [], (map, path) => {
      if (isImageBlock(map, path)) {
        if (blockMatches(doc, map, path, target.image)) found.push(blockOccurrence(source, map, path, document));
        return;
      }
      const occurrence = scalarImageOccurrence(map, path, { source, document, workload: null, target });
      if (occurrence) found.push(occurrence);
    });
  });
  return found;
}
