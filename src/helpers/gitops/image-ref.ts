// Container image references: parse "registry:port/path:tag@digest", normalise Docker Hub names, and decide whether two references name the same image.

export interface ImageRef {
  /** The name as written, without tag or digest (e.g. "redis", "10.42.0.1:30000/test-image"). */
  name: string;
  tag: string | null;
  digest: string | null;
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{6,}$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Parses an image reference; null when the text cannot be one (empty, spaces, templating). */
export function parseImageRef(text: string): ImageRef | null {
  const trimmed = text.trim();
  if (!trimmed || /[\s{}$"']/.test(trimmed)) return null;
  let rest = trimmed;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return null;
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return null;
  }
  if (!rest || rest.startsWith('/') || rest.endsWith('/') || rest.includes('//')) return null;
  return { name: rest, tag, digest };
}

/** The first path component is a registry when it has a dot or a port, or is localhost (the Docker rule). */
function splitRegistry(name: string): { registry: string | null; path: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { registry: null, path: name };
  const first = name.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost') return { registry: first, path: name.slice(slash + 1) };
  return { registry: null, path: name };
}

/** The canonical name: Docker Hub short names get "docker.io/" and, for single-component names, "library/". */
export function canonicalName(name: string): string {
  const { registry, path } = splitRegistry(name.trim());
  const host = registry === null || registry === 'index.docker.io' || registry === 'registry-1.docker.io' ? 'docker.io' : registry;
  if (host === 'docker.io' && !path.includes('/')) return `docker.io/library/${path}`;
  return `${host}/${path}`;
}

/** True when a registry-less repository ("acme/orders-api") is the path of image ("ghcr.io/acme/orders-api"): a chart that supplies the registry itself. */
export function sameRepositoryPath(repository: string, image: string): boolean {
  if (splitRegistry(repository.trim()).registry !== null) return false;
  const path = (name: string): string => canonicalName(name).slice(canonicalName(name).indexOf('/') + 1);
  return path(repository) === path(image);
}

/** True when both names (without tags) refer to the same repository. */
export function sameImageName(a: string, b: string): boolean {
  return canonicalName(a) === canonicalName(b);
}

/** Writes a reference back: name, then ":tag" and "@digest" when present. */
export function formatImageRef(ref: ImageRef): string {
  return `${ref.name}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** Validates a tag given on the command line. */
export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

/** Validates a digest given on the command line ("sha256:<hex>"). */
export function isValidDigest(digest: string): boolean {
  return DIGEST.test(digest);
}
