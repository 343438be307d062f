// What every manifest format reports for an image it holds: where it is, its current tag and digest, and how to change them.
import type { Edit } from './splice.js';

export type ManifestFormat = 'kustomize' | 'helm' | 'plain';

export interface ImageTarget {
  /** The image to change, as the pipeline publishes it (e.g. "ghcr.io/acme/orders-api"). */
  image: string;
  /** Only containers with this name (plain manifests); all matching containers when null. */
  container: string | null;
  /** Helm: the dotted key path of the image block or image string; found by matching when null. */
  helmKeyPath: string | null;
  /** Helm: the key to add a digest under when the image block has none (the chart decides which key it reads). */
  digestKey?: string | null;
}

export interface ImageOccurrence {
  /** Dotted path inside the document, e.g. "spec.template.spec.containers[1].image". */
  path: string;
  /** 1-based line of the value that changes. */
  line: number;
  /** 0-based document index in a multi-document file. */
  document: number;
  container: string | null;
  /** "Deployment/frontend" for plain manifests; null elsewhere. */
  workload: string | null;
  tag: string | null;
  digest: string | null;
  /** Other names the workloads use for this image (a kustomization entry's "name" when newName renames it). */
  aliases?: string[];
  /** The edits that set the tag and digest (digest null: drop a stale digest so the new tag takes effect). */
  edits(tag: string | null, digest: string | null): Edit[];
}
