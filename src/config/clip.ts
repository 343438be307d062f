// Cuts user text quoted in a message short: a megabyte key or value must not become a megabyte diagnostic.

export const MAX_QUOTED = 120;

/** The text, or its first MAX_QUOTED characters (never half a surrogate pair) and how long it was. */
export function clip(text: string): string {
  if (text.length <= MAX_QUOTED) return text;
  return `${text.slice(0, MAX_QUOTED).replace(/[\ud800-\udbff]$/, '')}…(${text.length} characters)`;
}
