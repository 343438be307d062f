// Line diffs, once for every caller: Myers' O((N+M)·D) line diff (edits are few, files can be long) and its unified
// rendering, which GNU patch applies: `gen`/`lib --check` show drift with it, bump-image and rollback --dry-run an edit.

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
    while (x > prevX && y > prevY) (ops.push({ kind: 'same', line: a[--x]! }), y--);
    if (d > 0) {
      if (x === prevX) ops.push({ kind: 'added', line: b[--y]! });
      else ops.push({ kind: 'removed', line: a[--x]! });
    }
  }
  return ops.reverse();
}

const SIGN = { same: ' ', removed: '-', added: '+' } as const;

/** Marks a last line with no newline, so it differs from the same line with one (as diff(1) sees it). */
const NO_NEWLINE = '\u0000no-newline';

function textLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_NEWLINE;
  return lines;
}

function printLine(kind: string, line: string): string[] {
  return line.endsWith(NO_NEWLINE) ? [`${kind}${line.slice(0, -NO_NEWLINE.length)}`, '\\ No newline at end of file'] : [`${kind}${line}`];
}

/** The unified diff from `before` to `after`, or '' when they are equal. */
export function unifiedDiff(before: string, after: string, beforeName: string, afterName: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(textLines(before), textLines(after));
  const out = [`--- ${beforeName}`, `+++ ${afterName}`];
  let k = 0;
  // Positions (1-based) in each text of ops[k].
  const posA: number[] = [];
  const posB: number[] = [];
  let la = 1;
  let lb = 1;
  for (const op of ops) {
    posA.push(la);
    posB.push(lb);
    if (op.kind !== 'added') la++;
    if (op.kind !== 'removed') lb++;
  }
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.kind === 'same') k++;
    if (k >= ops.length) break;
    const from = Math.max(0, k - context);
    let to = k;
    // Extend the hunk while changes are closer than twice the context.
    for (;;) {
      while (to < ops.length && ops[to]!.kind !== 'same') to++;
      let next = to;
      while (next < ops.length && ops[next]!.kind === 'same') next++;
      if (next < ops.length && next - to <= 2 * context) to = next;
      else break;
    }
    const end = Math.min(ops.length, to + context);
    const hunk = ops.slice(from, end);
    const countA = hunk.filter((o) => o.kind !== 'added').length;
    const countB = hunk.filter((o) => o.kind !== 'removed').length;
    const startA = countA ? posA[from]! : posA[from]! - 1;
    const startB = countB ? posB[from]! : posB[from]! - 1;
    out.push(`@@ -${startA},${countA} +${startB},${countB} @@`);
    for (const op of hunk) out.push(...printLine(SIGN[op.kind], op.line));
    k = end;
  }
  return `${out.join('\n')}\n`;
}
