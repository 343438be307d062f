// Plain Kubernetes YAML (Deployment, StatefulSet, DaemonSet, CronJob, Job, Pod, Rollout, custom resources): every "image:" string whose name matches.
import { isScalar, type Document, type YAMLMap } from 'yaml';
import { formatImageRef, parseImageRef, sameImageName } from './image-ref.js';
import type { ImageOccurrence, ImageTarget } from './occurrence.js';
import { lineNumberAt, replaceScalar } from './splice.js';
import { formatPath, pairOf, stringOf, visitMaps, type PathPart } from './yaml-nodes.js';

/** The "Kind/name" of a document, for reports and the deployment check. */
export function workloadOf(doc: Document): string | null {
  const root = doc.contents;
  if (!root || !('items' in root)) return null;
  const kind = doc.get('kind');
  const name = doc.getIn(['metadata', 'name']);
  return typeof kind === 'string' ? `${kind}/${typeof name === 'string' ? name : '?'}` : null;
}

/** The occurrence for map[key] (default "image") when it is an image string naming the target. */
export function scalarImageOccurrence(
  map: YAMLMap,
  path: PathPart[],
  context: { source: string; document: number; workload: string | null; target: ImageTarget; key?: string },
): ImageOccurrence | null {
  const key = context.key ?? 'image';
  const node = pairOf(map, key)?.value;
  if (!isScalar(node) || typeof node.value !== 'string') return null;
  const ref = parseImageRef(node.value);
  if (!ref || !sameImageName(ref.name, context.target.image)) return null;
  const container = stringOf(map, 'name') ?? null;
  if (context.target.container !== null && container !== context.target.container) return null;
  return {
    path: formatPath([...path, key]),
    line: lineNumberAt(context.source, node.range![0]),
    document: context.document,
    container,
    workload: context.workload,
    tag: ref.tag,
    digest: ref.digest,
    edits: (tag, digest) => {
      const next = formatImageRef({ name: ref.name, tag: tag ?? ref.tag, digest });
      return next === node.value ? [] : [replaceScalar(context.source, node, next)];
    },
  };
}

export function findPlainImages(docs: Document[], source: string, target: ImageTarget): ImageOccurrence[] {
  const found: ImageOccurrence[] = [];
  docs.forEach((doc, document) => {
    const workload = workloadOf(doc);
    visitMaps(doc.contents, [], (map, path) => {
      const occurrence = scalarImageOccurrence(map, path, { source, document, workload, target });
      if (occurrence) found.push(occurrence);
    });
  });
  return found;
}
