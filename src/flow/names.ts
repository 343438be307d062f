// Stage names as the Jenkinsfile has them, and which built-in stages a build slot holds: written once for the stage builders and for the names-only walk lint reads (stage-names.ts), so the two cannot disagree.
import type { CustomStage, Model, StageId } from '../config/model.js';

/** The names of the stages pipewright writes; the builders in build-, deploy- and rollback-stages.ts take them from here. */
export const STAGE_NAME = {
  build: 'Build',
  checkout: 'Checkout',
  install: 'Install',
  lint: 'Lint',
  test: 'Unit tests',
  coverage: 'Coverage gate',
  sonarqube: 'SonarQube',
  image: 'Build image',
  scan: 'Security scan',
  publish: 'Push image',
  manualRollback: 'Manual rollback',
  rollbackRefused: 'Check rollback target',
  rollBack: 'Roll back',
  approve: (env: string): string => `Approve: ${env}`,
  requestApproval: (env: string): string => `Request approval: ${env}`,
  waitForApproval: (env: string): string => `Wait for approval: ${env}`,
  backup: (env: string): string => `Back up database: ${env}`,
  bump: (env: string): string => `Update manifests: ${env}`,
  sync: (env: string): string => `Argo CD sync: ${env}`,
  health: (env: string): string => `Health check: ${env}`,
  deploy: (env: string): string => `Deploy: ${env}`,
  rollOut: (env: string): string => `Roll out: ${env}`,
  waitForSync: (env: string): string => `Wait for Argo CD sync: ${env}`,
  approveRollback: (env: string): string => `Approve rollback: ${env}`,
  rollBackEnvironment: (env: string): string => `Roll back: ${env}`,
  restore: (env: string): string => `Restore database: ${env}`,
  checkAfterRollback: (env: string): string => `Check after rollback: ${env}`,
  /** The one stage of several environments' alike manual rollbacks (src/gen/rollback-merge.ts). */
  rollBackEnvironments: (envs: string[]): string => `Roll back: ${envs.join(', ')}`,
} as const;

/** The build slots in the order the Build group runs them (custom stages go before or after each). */
export const BUILD_SLOTS: StageId[] = ['checkout', 'install', 'lint', 'test', 'quality', 'image', 'scan', 'publish'];

/** The custom stages a config slots before or after a stage, in file order. */
export function customStagesAt(model: Model, slot: StageId, position: 'before' | 'after'): CustomStage[] {
  return model.custom.filter((c) => c.stage === slot && c.position === position);
}

/** The names of the stages pipewright writes in a build slot (none for a custom stage's), as builtInStages builds them. */
export function builtInNames(model: Model, slot: StageId): string[] {
  const { build, gates, image, security } = model;
  switch (slot) {
    case 'checkout':
      return [STAGE_NAME.checkout];
    case 'install':
      return build.install.length ? [STAGE_NAME.install] : [];
    case 'lint':
      return build.lint.length ? [STAGE_NAME.lint] : [];
    case 'test':
      return build.test.length ? [STAGE_NAME.test] : [];
    case 'quality':
      return [...(gates.coverage.enabled && build.coverage ? [STAGE_NAME.coverage] : []), ...(gates.sonarqube ? [STAGE_NAME.sonarqube] : [])];
    case 'image':
      return image ? [STAGE_NAME.image] : [];
    case 'scan':
      return image && security.trivy.enabled ? [STAGE_NAME.scan] : [];
    case 'publish':
      return image ? [STAGE_NAME.publish] : [];
    case 'deploy':
      return [];
  }
}
