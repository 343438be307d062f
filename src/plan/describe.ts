// Short phrases about a branch and its stages, shared by the table, Mermaid and HTML renderers.
import type { BranchPlan, PlanStage } from './plan.js';

/** What a branch does, in a few words: "deploys dev", "deploys staging, then prod", "builds and tests only". */
export function branchSummary(b: BranchPlan): string {
  if (b.deployments.length) return `deploys ${b.deployments.map((d) => d.environment).join(', then ')}`;
  if (b.images.length) return 'builds, scans and pushes the image; deploys nothing';
  return 'builds and tests only; deploys nothing';
}

export function branchTitle(b: BranchPlan): string {
  return b.source === 'other' ? `${b.branch} (and every other branch the config does not name)` : b.branch;
}

/** The agent, timeout and parameter a stage runs with: "build agent, timeout 10m", "holds no agent". */
export function stageNotes(s: PlanStage): string {
  const notes: string[] = [];
  if (s.agent === 'build' || s.agent === 'deploy') notes.push(`${s.agent} agent`);
  if (s.agent === 'none') notes.push('holds no agent');
  if (s.timeout) notes.push(`timeout ${s.timeout}`);
  if (s.onlyWith) notes.push(`only with ${s.onlyWith}`);
  return notes.join(', ');
}

export const approvers = (submitters: string[]): string => (submitters.length ? submitters.join(', ') : 'any user');

/** The gate or target a stage applies, from the branch's plan: "line coverage above 80%", "ops within 24h", the image pushed. */
export function stageDetail(s: PlanStage, b: BranchPlan): string | null {
  const g = b.gates;
  const deployment = b.deployments.find((d) => d.environment === s.environment);
  switch (s.kind) {
    case 'coverage':
      return g.coverage ? `line coverage above ${g.coverage.min}%` : null;
    case 'sonarqube':
      return g.sonarqube ? `quality gate on ${g.sonarqube.server}${g.sonarqube.abortPipeline ? '' : ' (reported only)'}` : null;
    case 'scan': {
      const t = g.trivy;
      if (!t) return null;
      return (
        [t.failOn.length ? `fails on ${t.failOn.join(', ')}` : null, t.warnOn.length ? `unstable on ${t.warnOn.join(', ')}` : null]
          .filter(Boolean)
          .join('; ') || 'report only'
      );
    }
    case 'approve': {
      const a = g.approvals.find((x) => x.stage === s.name);
      return a ? `${approvers(a.submitters)}${a.timeout ? ` within ${a.timeout}` : ''}` : null;
    }
    case 'publish':
      return b.images.map((i) => `${i.name}:${i.tag}`).join(', ') || null;
    case 'sync':
    case 'wait-sync':
      return deployment?.argocdApp && s.id.startsWith(s.kind) ? `Argo CD app ${deployment.argocdApp}, sync ${deployment.sync}` : null;
    case 'health':
      return deployment?.healthCheck && s.id.startsWith('health:') ? deployment.healthCheck : null;
    case 'bump':
      return deployment?.manifest ?? null;
    default:
      return null;
  }
}
