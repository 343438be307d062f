// --format html: one self-contained page (inline CSS, no scripts, no network) showing each branch's flow, stage by stage.
import { escapeHtml } from '../report/html.js';
import type { BranchPlan, Plan, PlanStage } from './plan.js';
import { approvers, branchSummary, branchTitle, stageDetail, stageNotes } from './describe.js';

const e = escapeHtml;

const CSS = `
*{box-sizing:border-box}
body{margin:0;padding:24px;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f8fa}
h1{margin:0 0 4px;font-size:24px}
header p{margin:0 0 20px;color:#59636e}
.branches{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:20px;align-items:start}
.branch{background:#fff;border:1px solid #d1d9e0;border-radius:8px;padding:16px}
.branch h2{margin:0;font:600 18px ui-monospace,SFMono-Regular,Menlo,monospace}
.summary{margin:2px 0 14px;color:#59636e}
ol.flow,ol.children{list-style:none;margin:0;padding:0}
ol.flow>li+li::before{content:"\\2193";display:block;text-align:center;color:#8c959f;font-size:16px;line-height:20px}
.stage{border:1px solid #d1d9e0;border-left:5px solid #0969da;border-radius:6px;padding:6px 10px;background:#fff}
.group{border-left-color:#8c959f;background:#f6f8fa}
.group>ol.children{margin-top:6px;display:flex;flex-direction:column;gap:4px}
.name{font-weight:600}
.note{color:#59636e;font-size:12px}
.detail{font-size:12px;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;color:#1f2328;overflow-wrap:anywhere}
table{table-layout:auto}
.k-coverage,.k-sonarqube,.k-scan,.k-test{border-left-color:#8250df}
.k-approve,.k-request-approval,.k-wait-sync{border-left-color:#bf8700;background:#fff8c5}
.k-bump,.k-sync,.k-health,.k-backup,.k-verify{border-left-color:#1a7f37}
.k-rollback,.k-restore{border-left-color:#cf222e}
.k-image,.k-publish{border-left-color:#0550ae}
h3{margin:18px 0 6px;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#59636e}
table{border-collapse:collapse;width:100%;font-size:12px}
td,th{border-top:1px solid #d1d9e0;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
table.keyed td:first-child{white-space:nowrap}
ul.images{margin:0;padding-left:18px;font-size:12px}
ul.images li{overflow-wrap:anywhere}
th{font-weight:600;color:#59636e;white-space:nowrap}
.none{color:#8c959f;font-size:12px}
.legend{margin:0 0 16px;font-size:12px;color:#59636e}
.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;border-radius:2px}
`;

interface TreeNode {
  stage: PlanStage;
  children: TreeNode[];
}

/** The flat, depth-annotated stage list back into groups and their children. */
function tree(stages: PlanStage[]): TreeNode[] {
  const roots: TreeNode[] = [];
  const stack: TreeNode[] = [];
  for (const stage of stages) {
    const node = { stage, children: [] };
    stack.length = stage.depth;
    (stack.length ? stack[stack.length - 1]!.children : roots).push(node);
    stack.push(node);
  }
  return roots;
}

function stageHtml(node: TreeNode, b: BranchPlan): string {
  const s = node.stage;
  const notes = stageNotes(s);
  const detail = stageDetail(s, b);
  const parts = [
    `<div class="name">${e(s.name)}</div>`,
    detail ? `<div class="detail">${e(detail)}</div>` : '',
    notes ? `<div class="note">${e(notes)}</div>` : '',
    node.children.length ? `<ol class="children">${node.children.map((c) => stageHtml(c, b)).join('')}</ol>` : '',
  ];
  return `<li class="stage k-${e(s.kind)}${node.children.length ? ' group' : ''}" data-stage="${e(s.id)}">${parts.join('')}</li>`;
}

const flowHtml = (stages: PlanStage[], b: BranchPlan): string =>
  `<ol class="flow">${tree(stages)
    .map((n) => stageHtml(n, b))
    .join('')}</ol>`;

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p class="none">none</p>';
  const head = `<tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr>`;
  return `<table class="keyed">${head}${rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}

function gateRows(b: BranchPlan): string[][] {
  const g = b.gates;
  const rows: string[][] = [];
  if (g.coverage) rows.push(['coverage', `line coverage above ${g.coverage.min}% (${g.coverage.report}, ${g.coverage.format})`]);
  if (g.trivy)
    rows.push([
      'trivy',
      `fail on ${g.trivy.failOn.join(', ') || 'nothing'}; unstable on ${g.trivy.warnOn.join(', ') || 'nothing'}${g.trivy.ignoreUnfixed ? '; unfixed ignored' : ''}`,
    ]);
  if (g.sonarqube)
    rows.push(['sonarqube', `server ${g.sonarqube.server}${g.sonarqube.abortPipeline ? '; a failed quality gate fails the build' : '; reported only'}`]);
  for (const a of g.approvals) rows.push(['approval', `${a.environment}: ${approvers(a.submitters)}${a.timeout ? ` within ${a.timeout}` : ''}`]);
  for (const t of g.timeouts) rows.push(['timeout', `${t.stage}: ${t.timeout}`]);
  return rows;
}

function branchHtml(b: BranchPlan): string {
  const deployments = b.deployments.map((d, i) => [
    `${i + 1}. ${d.environment}`,
    [
      d.argocdApp ? `Argo CD app ${d.argocdApp} (sync ${d.sync})` : null,
      d.strategy ? `${d.strategy}${d.replicas !== null ? ` x${d.replicas}` : ''}` : null,
      d.approval ? 'after approval' : null,
      d.automaticRollback ? 'automatic rollback' : null,
    ]
      .filter(Boolean)
      .join('; '),
  ]);
  const rollbacks = b.rollbacks.length
    ? `<h3>Manual rollback (PW_ROLLBACK_ENVIRONMENT)</h3>${b.rollbacks.map((r) => `<p class="note">${e(r.environment)}</p>${flowHtml(r.stages, b)}`).join('')}`
    : '';
  return [
    `<section class="branch" id="branch-${e(b.branch)}">`,
    `<h2>${e(branchTitle(b))}</h2><p class="summary">${e(branchSummary(b))}</p>`,
    flowHtml(b.stages, b),
    '<h3>Gates</h3>',
    table(['gate', 'applies'], gateRows(b)),
    '<h3>Credentials</h3>',
    table(
      ['id', 'binding', 'used in'],
      b.credentials.map((c) => [c.id, c.binding, c.usedIn.join('; ')]),
    ),
    '<h3>Images pushed</h3>',
    b.images.length
      ? `<ul class="images">${b.images.map((i) => `<li><span class="detail">${e(`${i.name}:${[i.tag, ...i.alsoTag].join(', :')}`)}</span><br>${e(`${i.registry} registry, built with ${i.builder}`)}</li>`).join('')}</ul>`
      : '<p class="none">none</p>',
    '<h3>Deployments</h3>',
    table(['environment', 'how'], deployments),
    rollbacks,
    '</section>',
  ].join('\n');
}

export function renderHtml(plan: Plan): string {
  const legend = [
    ['#0969da', 'build'],
    ['#8250df', 'test and gates'],
    ['#0550ae', 'image'],
    ['#bf8700', 'approval and waiting'],
    ['#1a7f37', 'deploy'],
    ['#cf222e', 'rollback'],
  ]
    .map(([colour, label]) => `<span style="background:${colour}"></span>${e(label!)}`)
    .join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(`pipewright plan: ${plan.app}`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${e(plan.app)}</h1><p>${e(`The pipeline ${plan.file} generates, branch by branch (pipewright plan).`)}</p></header>`,
    `<p class="legend">${legend}</p>`,
    `<main class="branches">`,
    ...plan.branches.map(branchHtml),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
