// --format mermaid: one `graph TD` flowchart of the seed's diagrams for this config: build, test and scan with the
// gates as decisions, then the deployment flow per branch (a "Branch?" decision where branches part).
import type { BranchPlan, Plan, PlanStage } from './plan.js';
import { approvers, stageDetail } from './describe.js';

/** Label text in which every character Mermaid's lexer or its HTML labels could read as syntax is an entity code. */
export function mermaidText(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/\|/g, '#124;')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/** A quoted Mermaid label. */
export const mermaidLabel = (text: string): string => `"${mermaidText(text)}"`;

/** A label of several lines, each escaped, joined with the line break Mermaid's labels take. */
const lines = (...parts: Array<string | null>): string =>
  `"${parts
    .filter((p): p is string => !!p)
    .map(mermaidText)
    .join('<br/>')}"`;

type Shape = 'box' | 'decision' | 'terminal';
interface Node {
  id: string;
  label: string;
  shape: Shape;
  environment: string | null;
  style: 'fail' | 'warn' | 'done' | null;
}
interface Edge {
  from: string;
  to: string;
  label: string | null;
}

const END = '\u0000end';

class Diagram {
  readonly nodes: Node[] = [];
  readonly edges: Edge[] = [];
  private readonly counters = new Map<string, number>();

  node(prefix: string, label: string, shape: Shape, environment: string | null, style: Node['style'] = null): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    const id = `${prefix}${n}`;
    this.nodes.push({ id, label, shape, environment, style });
    return id;
  }

  edge(from: string, to: string, label: string | null = null): void {
    this.edges.push({ from, to, label });
  }

  render(): string {
    const out = ['graph TD'];
    const shape = (n: Node): string =>
      n.shape === 'decision' ? `${n.id}{${n.label}}` : n.shape === 'terminal' ? `${n.id}([${n.label}])` : `${n.id}[${n.label}]`;
    const environments: string[] = [];
    for (const n of this.nodes) if (n.environment !== null && !environments.includes(n.environment)) environments.push(n.environment);
    for (const n of this.nodes) if (n.environment === null) out.push(`  ${shape(n)}`);
    environments.forEach((env, i) => {
      out.push(`  subgraph env${i + 1} [${mermaidLabel(`Deploy to ${env}`)}]`);
      for (const n of this.nodes) if (n.environment === env) out.push(`    ${shape(n)}`);
      out.push('  end');
    });
    for (const e of this.edges) out.push(`  ${e.from} -->${e.label === null ? '' : `|${mermaidLabel(e.label)}|`} ${e.to}`);
    const styled = (style: NonNullable<Node['style']>): string[] => this.nodes.filter((n) => n.style === style).map((n) => n.id);
    out.push(
      '  classDef fail fill:#fdecea,stroke:#c62828,color:#8e0000',
      '  classDef warn fill:#fff8e1,stroke:#f9a825,color:#6d4c00',
      '  classDef done fill:#e8f5e9,stroke:#2e7d32,color:#1b5e20',
    );
    for (const style of ['fail', 'warn', 'done'] as const) {
      const ids = styled(style);
      if (ids.length) out.push(`  class ${ids.join(',')} ${style}`);
    }
    return `${out.join('\n')}\n`;
  }
}

/** Where a stage's flow continues: the stage itself, or the outcomes of its gate that go on. */
interface Outlet {
  from: string;
  label: string | null;
}

/** Draws a stage's gate as a decision (the seed's "Tests pass?", "Vulnerabilities found?", ...) and returns where the flow goes on. */
function drawGate(d: Diagram, stage: PlanStage, nodeId: string, b: BranchPlan): Outlet[] {
  const env = stage.environment;
  const fails = (decision: string, label: string, text = 'Pipeline fails'): void =>
    d.edge(decision, d.node('f', mermaidLabel(text), 'terminal', env, 'fail'), label);
  const decide = (question: string): string => {
    const id = d.node('g', mermaidLabel(question), 'decision', env);
    d.edge(nodeId, id);
    return id;
  };
  const g = b.gates;
  switch (stage.kind) {
    case 'test': {
      const q = decide('Tests pass?');
      fails(q, 'No');
      return [{ from: q, label: 'Yes' }];
    }
    case 'coverage': {
      if (!g.coverage) break;
      const q = decide(`Line coverage above ${g.coverage.min}%?`);
      fails(q, 'No');
      return [{ from: q, label: 'Yes' }];
    }
    case 'sonarqube': {
      if (!g.sonarqube?.abortPipeline) break;
      const q = decide('Quality gate passed?');
      fails(q, 'No');
      return [{ from: q, label: 'Yes' }];
    }
    case 'scan': {
      const t = g.trivy;
      if (!t || (t.failOn.length === 0 && t.warnOn.length === 0)) break;
      const q = decide('Vulnerabilities found?');
      if (t.failOn.length) fails(q, t.failOn.join(', '));
      const outlets: Outlet[] = [{ from: q, label: 'None' }];
      if (t.warnOn.length) {
        const warn = d.node('w', mermaidLabel('Continue with warning (unstable)'), 'box', env, 'warn');
        d.edge(q, warn, t.warnOn.join(', '));
        outlets.push({ from: warn, label: null });
      }
      return outlets;
    }
    case 'approve': {
      const a = g.approvals.find((x) => x.stage === stage.name);
      const q = decide(`Approved by ${a ? approvers(a.submitters) : 'a submitter'}${a?.timeout ? ` within ${a.timeout}` : ''}?`);
      fails(q, 'No', `Not deployed: ${env ?? ''}`.trim());
      return [{ from: q, label: 'Yes' }];
    }
    case 'wait-sync':
    case 'health': {
      const deployment = b.deployments.find((x) => x.environment === env);
      // A manual sync's wait checks health after the sync, as steps of the same agent-less stage.
      if (stage.kind === 'wait-sync' && !deployment?.healthCheck) break;
      const q = decide(`Healthy${deployment?.healthTimeout ? ` within ${deployment.healthTimeout}` : ''}?`);
      fails(q, 'No', deployment?.automaticRollback ? `Rollback: ${env}` : 'Pipeline fails');
      return [{ from: q, label: 'Yes' }];
    }
  }
  return [{ from: nodeId, label: null }];
}

/**
 * Every branch's stages merged by stage id: where branches run different next stages, a "Branch?" decision says which
 * branch goes where; where a branch's run ends, a terminal node says so.
 */
export function renderMermaid(plan: Plan): string {
  const d = new Diagram();
  const start = d.node('start', mermaidLabel('Pipeline triggered'), 'terminal', null);
  const order: string[] = [];
  const stageById = new Map<string, { stage: PlanStage; branch: BranchPlan }>();
  // stage id (or '' for the start) -> next stage id (or END) -> the branches that go there
  const next = new Map<string, Map<string, string[]>>();
  for (const b of plan.branches) {
    const leaves = b.stages.filter((s) => !s.group);
    let previous = '';
    for (const s of [...leaves, null]) {
      const id = s ? s.id : END;
      if (s && !stageById.has(s.id)) {
        stageById.set(s.id, { stage: s, branch: b });
        order.push(s.id);
      }
      const targets = next.get(previous) ?? new Map<string, string[]>();
      targets.set(id, [...(targets.get(id) ?? []), b.branch]);
      next.set(previous, targets);
      if (!s) break;
      previous = s.id;
    }
  }
  const nodeIds = new Map<string, string>();
  for (const id of order) {
    const { stage, branch } = stageById.get(id)!;
    nodeIds.set(id, d.node('s', lines(stage.name, stageDetail(stage, branch)), 'box', stage.environment));
  }
  const single = plan.branches.length === 1;
  const endLabel = (branches: string[]): string => (single ? 'Done' : `Done: ${branches.join(', ')}`);
  for (const from of ['', ...order]) {
    const outlets: Outlet[] =
      from === '' ? [{ from: start, label: null }] : drawGate(d, stageById.get(from)!.stage, nodeIds.get(from)!, stageById.get(from)!.branch);
    const targets = [...(next.get(from) ?? new Map<string, string[]>()).entries()];
    const targetNode = ([to, branches]: [string, string[]]): string =>
      to === END ? d.node('done', mermaidLabel(endLabel(branches)), 'terminal', null, 'done') : nodeIds.get(to)!;
    if (targets.length === 1) {
      const to = targetNode(targets[0]!);
      for (const o of outlets) d.edge(o.from, to, o.label);
    } else if (targets.length > 1) {
      const fork = d.node('b', mermaidLabel('Branch?'), 'decision', null);
      for (const o of outlets) d.edge(o.from, fork, o.label);
      for (const target of targets)
        d.edge(fork, target[0] === END ? d.node('done', mermaidLabel('Done'), 'terminal', null, 'done') : targetNode(target), target[1].join(', '));
    }
  }
  return d.render();
}
