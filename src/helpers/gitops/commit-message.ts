// Conventional commit messages for manifest changes, with trailers that deploy-history reads back.

export interface DeployMessage {
  action: 'bump' | 'rollback' | 'automatic-rollback' | 'release-hold';
  app: string;
  env: string;
  image: string | null;
  oldTag: string | null;
  newTag: string | null;
  buildUrl: string | null;
  reason?: string | null;
}

/** User text (build URLs, reasons) stays on one line, so it cannot forge trailers. */
const oneLine = (text: string | null | undefined) => (text ?? '').replace(/[\r\n]+/g, ' ').trim();

export function deployCommitMessage(input: DeployMessage): string {
  const m = { ...input, buildUrl: oneLine(input.buildUrl) || null, reason: oneLine(input.reason) || null };
  const type = m.action === 'bump' ? 'deploy' : m.action === 'release-hold' ? 'chore' : 'revert';
  const what = m.action === 'release-hold' ? `release the hold on ${m.app}` : `${m.app} ${m.oldTag ?? '(none)'} -> ${m.newTag ?? '(none)'}`;
  const note = m.action === 'rollback' ? ' (manual rollback, hold set)' : m.action === 'automatic-rollback' ? ' (automatic rollback)' : '';
  const body = [m.image ? `Image: ${m.image}` : '', m.reason ? `Reason: ${m.reason}` : '', m.buildUrl ? `Build: ${m.buildUrl}` : ''].filter(Boolean);
  const trailers = [
    `Pipewright-App: ${m.app}`,
    `Pipewright-Env: ${m.env}`,
    `Pipewright-Action: ${m.action}`,
    m.newTag ? `Pipewright-Tag: ${m.newTag}` : '',
    m.oldTag ? `Pipewright-Previous-Tag: ${m.oldTag}` : '',
    m.buildUrl ? `Build-Url: ${m.buildUrl}` : '',
  ].filter(Boolean);
  return `${type}(${m.env}): ${what}${note}\n\n${body.join('\n')}\n\n${trailers.join('\n')}\n`;
}
