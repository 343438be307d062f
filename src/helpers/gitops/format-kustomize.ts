// Kustomization "images:" entries: the entry whose newName (or, without one, name) is the image gets newTag and digest.
import { isMap, isSeq, type Document, type Pair, type YAMLMap } from 'yaml';
import { sameImageName } from './image-ref.js';
import type { ImageOccurrence, ImageTarget } from './occurrence.js';
import { lineNumberAt, replaceScalar, type Edit } from './splice.js';
import { insertPairAfter, pairOf, removePairLine, replacePair, scalarOf, settableScalarOf, stringOf } from './yaml-nodes.js';

/** By apiVersion or kind, or (kustomize allows both to be left out) by a top-level "images:" list with no kind at all. */
export function isKustomization(doc: Document): boolean {
  const apiVersion = doc.get('apiVersion');
  const kind = doc.get('kind');
  if ((typeof apiVersion === 'string' && apiVersion.startsWith('kustomize.config.k8s.io/')) || kind === 'Kustomization' || kind === 'Component') return true;
  return kind === undefined && isMap(doc.contents) && isSeq(doc.get('images')) && (isSeq(doc.get('resources')) || isSeq(doc.get('components')));
}

function entryEdits(source: string, entry: YAMLMap, tag: string | null, digest: string | null): Edit[] {
  const edits: Edit[] = [];
  const anchor = (pairOf(entry, 'newName') ?? pairOf(entry, 'name')) as Pair;
  const tagNode = settableScalarOf(entry, 'newTag');
  const digestPair = pairOf(entry, 'digest');
  const digestNode = settableScalarOf(entry, 'digest');
  if (tag !== null) {
    if (tagNode) {
      if (String(tagNode.value) !== tag) edits.push(replaceScalar(source, tagNode, tag));
    } else if (digestPair && digest === null) {
      // kustomize prefers the digest over newTag: the stale digest gives way to the tag, on its line.
      return [replacePair(digestPair, 'newTag', tag)];
    } else {
      edits.push(insertPairAfter(source, entry, anchor, 'newTag', tag));
    }
  }
  if (digest !== null) {
    if (digestNode) {
      if (String(digestNode.value) !== digest) edits.push(replaceScalar(source, digestNode, digest));
    } else {
      edits.push(insertPairAfter(source, entry, (pairOf(entry, 'newTag') as Pair | undefined) ?? anchor, 'digest', digest));
    }
  } else if (tag !== null && digestPair) {
    // kustomize prefers the digest over newTag: a stale digest would keep the old image running.
    edits.push(removePairLine(source, entry, digestPair));
  }
  // Two insertions at one offset must keep their order (newTag before digest).
  if (edits.length === 2 && edits[0]!.start === edits[1]!.start && edits[0]!.end === edits[1]!.end) {
    return [{ ...edits[0]!, text: edits[0]!.text + edits[1]!.text }];
  }
  return edits;
}

export function findKustomizeImages(docs: Document[], source: string, target: ImageTarget): ImageOccurrence[] {
  const found: ImageOccurrence[] = [];
  docs.forEach((doc, document) => {
    if (!isMap(doc.contents)) return;
    const images = pairOf(doc.contents, 'images')?.value;
    if (!isSeq(images)) return;
    images.items.forEach((entry, index) => {
      if (!isMap(entry)) return;
      const name = stringOf(entry, 'name');
      const newName = stringOf(entry, 'newName');
      if (!(newName ?? name) || !sameImageName(newName ?? name!, target.image)) {
        // The published image may also be named by the original name when newName is a placeholder.
        if (!name || !sameImageName(name, target.image)) return;
      }
      const at = (scalarOf(entry, 'newTag') ?? scalarOf(entry, 'newName') ?? scalarOf(entry, 'name'))!;
      found.push({
        path: `images[${index}]`,
        line: lineNumberAt(source, at.range![0]),
        document,
        container: null,
        workload: null,
        tag: stringOf(entry, 'newTag') ?? null,
        digest: stringOf(entry, 'digest') ?? null,
        aliases: name ? [name] : [],
        edits: (tag, digest) => entryEdits(source, entry, tag, digest),
      });
    });
  });
  return found;
}
