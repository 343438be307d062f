// Whether a configured path leaves the folder it is relative to: shared by the manifest and workspace path rules.

/** 'is absolute' or 'climbs out with ".."' when the path escapes its root, otherwise null. */
export function pathEscape(path: string): string | null {
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) return 'is absolute';
  if (path.split(/[/\\]/).includes('..')) return 'climbs out with ".."';
  return null;
}
