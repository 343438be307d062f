// Line diff (Myers, O((N+M)·D): edits are few, files can be long) and its unified rendering for --dry-run.

export type DiffOp = { kind: 'same' | 'removed' | 'added'; line: string };

/** Splits on "\n" only, so a "\r" stays part of its line and a missing final newline shows as a different last line. */
export function splitLines(text: string): string[] {
  return text.split('\n');
}

export function diffLines(a: string[], b: string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: 'same', line: a[--x]! }), y--;
    if (d > 0) {
      if (x === prevX) ops.push({ kind: 'added', line: b[--y]! });
      else ops.push({ kind: 'removed', line: a[--x]! });
    }
  }
  return ops.reverse();
}

/** A unified diff with three lines of context; empty when the texts are equal. */
export function unifiedDiff(before: string, after: string, file: string, context = 3): string {
  if (before === after) return '';
  // A final line break ends the last line rather than starting an empty one; a missing one is marked as diff(1) does.
  const lines = (text: string) => (text.endsWith('\n') ? splitLines(text).slice(0, -1) : [...splitLines(text).slice(0, -1), `${splitLines(text).at(-1)}\n\\ No newline at end of file`]);
  const ops = diffLines(lines(before), lines(after));
  const out = [`--- a/${file}`, `+++ b/${file}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === 'same') {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while changes are closer than twice the context.
    for (let j = i; j < ops.length; j++) {
      if (ops[j]!.kind !== 'same') end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const before0 = ops.slice(0, start).filter((o) => o.kind !== 'added').length;
    const after0 = ops.slice(0, start).filter((o) => o.kind !== 'removed').length;
    const hunk = ops.slice(start, stop);
    const oldCount = hunk.filter((o) => o.kind !== 'added').length;
    const newCount = hunk.filter((o) => o.kind !== 'removed').length;
    out.push(`@@ -${before0 + 1},${oldCount} +${after0 + 1},${newCount} @@`);
    for (const o of hunk) out.push(`${o.kind === 'same' ? ' ' : o.kind === 'removed' ? '-' : '+'}${o.line.replace(/\r(?=$|\n)/, '')}`);
    i = stop;
    start = stop;
  }
  return `${out.join('\n')}\n`;
}
