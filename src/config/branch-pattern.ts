// Jenkins' `when { branch }` match, shared by the generator's flow and the lint rules: one reading of a branch pattern.

/** An Ant-style pattern: `*` within a path segment, `**` across segments, `?` one character (not "/"). */
export function branchMatches(pattern: string, branch: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`).test(branch);
}
