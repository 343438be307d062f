// The e-mail twin of a Slack message: subject and plain-text body, written to a file for Jenkins' mail step to send.
import { writeFileAtomic } from '../shared/atomic.js';
import { failureLinks, formatCounts, headline, type NotifyContext } from './event.js';

export interface RenderedEmail {
  subject: string;
  body: string;
  mimeType: 'text/plain';
}

export function renderEmail(ctx: NotifyContext): RenderedEmail {
  const status = {
    success: 'SUCCESS',
    failure: 'FAILED',
    security: 'SECURITY',
    deployment: 'DEPLOYED',
    approval: 'APPROVAL NEEDED',
    'approval-expired': 'NOT APPROVED',
    'awaiting-sync': 'SYNC NEEDED',
    rollback: 'ROLLED BACK',
  }[ctx.event];
  // One line only: a line break in a subject would start a new mail header.
  const subject = `[${status}] ${headline(ctx)}`.replace(/[\r\n]+/g, ' ');
  const lines: string[] = [headline(ctx), ''];
  if (ctx.text) lines.push(ctx.text, '');
  const facts: Array<[string, string | null]> = [
    ['Application', ctx.app],
    ['Environment', ctx.environment],
    ['Version', ctx.version],
    ['Branch', ctx.branch],
    ['Commit', ctx.commit],
    ['Failed stage', ctx.event === 'failure' ? ctx.failedStage : null],
  ];
  for (const [label, value] of facts) if (value) lines.push(`${label}: ${value}`);
  if (ctx.event === 'security' && ctx.security) {
    const s = ctx.security;
    lines.push('', 'Trivy summary:');
    if (s.target) lines.push(`  Target: ${s.target}`);
    lines.push(
      `  Vulnerabilities: ${formatCounts(s.vulnerabilities)}`,
      `  Secrets: ${formatCounts(s.secrets)}`,
      `  Misconfigurations: ${formatCounts(s.misconfigurations)}`,
    );
  }
  if (ctx.event === 'approval') {
    lines.push('', ctx.approvers.length ? `Approvers: ${ctx.approvers.join(', ')}` : 'Any authorised user may approve.');
    if (ctx.inputUrl) lines.push(`Review and approve: ${ctx.inputUrl}`);
  }
  if (ctx.event === 'failure') {
    const links = failureLinks(ctx);
    lines.push('');
    if (links.log) lines.push(`Console log: ${links.log}`);
    if (links.stage) lines.push(`Failed stage: ${links.stage}`);
    if (links.rebuild) lines.push(`Rebuild (restart from the failed stage): ${links.rebuild}`);
  }
  if (ctx.buildUrl) lines.push('', `Build: ${ctx.buildUrl}`);
  return { subject, body: `${lines.join('\n')}\n`, mimeType: 'text/plain' };
}

export function writeEmail(file: string, email: RenderedEmail): void {
  writeFileAtomic(file, `${JSON.stringify(email, null, 2)}\n`);
}
