// --format table: the plan as aligned text for a terminal, bold headings only when colour is on.
import type { BranchPlan, Plan, PlanStage } from './plan.js';
import { branchSummary, branchTitle, stageNotes } from './describe.js';

export interface Painter {
  bold(text: string): string;
  dim(text: string): string;
}

const same = (text: string): string => text;
export const PLAIN: Painter = { bold: same, dim: same };
export const ANSI: Painter = { bold: (t) => `\u001b[1m${t}\u001b[22m`, dim: (t) => `\u001b[2m${t}\u001b[22m` };

/** Rows of cells, padded so that every column but the last lines up. */
function columns(rows: string[][], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => (indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).trimEnd());
}

function stageRows(stages: PlanStage[]): string[][] {
  return stages.map((s, i) => [String(i + 1).padStart(2), `${'  '.repeat(s.depth)}${s.name}`, stageNotes(s)]);
}

function renderBranch(b: BranchPlan, c: Painter): string[] {
  const out: string[] = [`${c.bold(`branch ${branchTitle(b)}`)}: ${branchSummary(b)}`, '', `  ${c.bold('stages')}`];
  out.push(...columns(stageRows(b.stages), '    '));

  const g = b.gates;
  const gates: string[][] = [];
  if (g.coverage) gates.push(['coverage', `line coverage above ${g.coverage.min}% in ${g.coverage.report} (${g.coverage.format})`]);
  if (g.trivy) {
    const t = g.trivy;
    const parts = [
      t.failOn.length ? `fail on ${t.failOn.join(', ')}` : 'fails on nothing',
      t.warnOn.length ? `unstable on ${t.warnOn.join(', ')}` : null,
      t.ignoreUnfixed ? 'unfixed ignored' : null,
      `scanners ${t.scanners.join(', ')}`,
    ];
    gates.push(['trivy', parts.filter(Boolean).join('; ')]);
  }
  if (g.sonarqube)
    gates.push([
      'sonarqube',
      `server "${g.sonarqube.server}"; ${g.sonarqube.abortPipeline ? 'a failed quality gate fails the build' : 'quality gate reported, never fails the build'}`,
    ]);
  for (const a of g.approvals) {
    const who = a.submitters.length ? a.submitters.join(', ') : 'any user';
    const extra = [a.fourEyes ? 'four eyes' : null, a.requireReview ? 'review required' : null].filter(Boolean);
    gates.push(['approval', `${a.environment}: ${who}${a.timeout ? ` within ${a.timeout}` : ''}${extra.length ? ` (${extra.join(', ')})` : ''}`]);
  }
  for (const t of g.timeouts) gates.push(['timeout', `${t.timeout.padStart(4)}  ${t.stage}`]);
  out.push('', `  ${c.bold('gates')}`, ...(gates.length ? columns(gates, '    ') : ['    none']));

  out.push('', `  ${c.bold('credentials')}`);
  out.push(
    ...(b.credentials.length
      ? columns(
          b.credentials.map((cr) => [cr.id, cr.binding, cr.usedIn.join('; ')]),
          '    ',
        )
      : ['    none']),
  );

  out.push('', `  ${c.bold('images pushed')}`);
  out.push(
    ...(b.images.length
      ? columns(
          b.images.map((i) => [`${i.name}:${i.tag}`, [...i.alsoTag.map((t) => `also :${t}`), `${i.registry} registry`, `built with ${i.builder}`].join(', ')]),
          '    ',
        )
      : ['    none']),
  );

  out.push('', `  ${c.bold('deployments, in promotion order')}`);
  if (b.deployments.length === 0) out.push('    none');
  b.deployments.forEach((d, i) => {
    const head = [`${i + 1}. ${d.environment}`, d.after ? `after ${d.after}` : null, d.approval ? 'after approval' : null].filter(Boolean).join(', ');
    out.push(`    ${head}`);
    const rows: string[][] = [];
    if (d.argocdApp) rows.push(['argo cd app', `${d.argocdApp} (sync ${d.sync})`]);
    if (d.manifest) rows.push(['manifest', d.manifest]);
    if (d.strategy) rows.push(['strategy', `${d.strategy}${d.replicas !== null ? `, ${d.replicas} replicas` : ''}`]);
    if (d.healthCheck) rows.push(['health check', `${d.healthCheck}${d.healthTimeout ? ` (healthy within ${d.healthTimeout})` : ''}`]);
    rows.push(['on failure', d.automaticRollback ? 'automatic rollback' : 'the build fails']);
    out.push(...columns(rows, '       '));
  });

  out.push('', `  ${c.bold('notifications')}`);
  out.push(
    ...(b.notifications.length
      ? columns(
          b.notifications.map((n) => [n.event, n.targets.join(', '), n.sentFrom.join('; ')]),
          '    ',
        )
      : ['    none']),
  );

  if (b.rollbacks.length) {
    out.push('', `  ${c.bold('manual rollback')} ${c.dim('(build parameter PW_ROLLBACK_ENVIRONMENT)')}`);
    for (const r of b.rollbacks) {
      out.push(`    ${r.environment}`);
      out.push(...columns(stageRows(r.stages), '      '));
    }
  }
  return out;
}

export function renderTable(plan: Plan, c: Painter = PLAIN): string {
  const out = [`${c.bold(plan.app)} ${c.dim(`(${plan.file})`)}`];
  for (const b of plan.branches) out.push('', ...renderBranch(b, c));
  return `${out.join('\n')}\n`;
}
