// Manifest editing entry: detect the format, find the image's occurrences, and splice the new tag or digest into the source.
import { basename } from 'node:path';
import type { Document } from 'yaml';
import { findHelmImages } from './format-helm.js';
import { findKustomizeImages, isKustomization } from './format-kustomize.js';
import { findPlainImages } from './format-plain.js';
import type { ImageOccurrence, ImageTarget, ManifestFormat } from './occurrence.js';
import { applyEdits } from './splice.js';
import { parseDocuments } from './yaml-nodes.js';

export type FormatChoice = ManifestFormat | 'auto';

/** kustomization.yaml (or a document of kind Kustomization/Component), Kubernetes objects (apiVersion + kind), else Helm values. */
export function detectFormat(file: string, docs: Document[]): ManifestFormat {
  if (/^kustomization\.ya?ml$|^Kustomization$/.test(basename(file)) || docs.some(isKustomization)) return 'kustomize';
  if (docs.some((doc) => typeof doc.get('apiVersion') === 'string' && typeof doc.get('kind') === 'string')) return 'plain';
  return 'helm';
}

export interface ImageChange {
  path: string;
  line: number;
  document: number;
  container: string | null;
  workload: string | null;
  oldTag: string | null;
  oldDigest: string | null;
  newTag: string | null;
  newDigest: string | null;
}

export interface ManifestEdit {
  format: ManifestFormat;
  /** Every place the image was found, changed or already at the target. */
  occurrences: ImageOccurrence[];
  changes: ImageChange[];
  content: string;
}

export function findImages(
  file: string,
  source: string,
  format: FormatChoice,
  target: ImageTarget,
): { format: ManifestFormat; occurrences: ImageOccurrence[] } {
  const docs = parseDocuments(source, file);
  const chosen = format === 'auto' ? detectFormat(file, docs) : format;
  const finder = { plain: findPlainImages, kustomize: findKustomizeImages, helm: findHelmImages }[chosen];
  return { format: chosen, occurrences: finder(docs, source, target) };
}

/** Sets the tag (and digest) of every occurrence; a null tag keeps each occurrence's tag. */
export function setImage(file: string, source: string, format: FormatChoice, target: ImageTarget, tag: string | null, digest: string | null): ManifestEdit {
  const { format: chosen, occurrences } = findImages(file, source, format, target);
  const changes: ImageChange[] = [];
  const edits = occurrences.flatMap((o) => {
    const list = o.edits(tag, digest);
    if (list.length > 0) {
      changes.push({
        path: o.path,
        line: o.line,
        document: o.document,
        container: o.container,
        workload: o.workload,
        oldTag: o.tag,
        oldDigest: o.digest,
        newTag: tag ?? o.tag,
        newDigest: digest,
      });
    }
    return list;
  });
  return { format: chosen, occurrences, changes, content: applyEdits(source, edits) };
}
