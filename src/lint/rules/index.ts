// The rule registry, sorted by id; a test checks it against the rule files, docs/rules/ and the tests.
import type { Rule } from '../rule.js';
import { rule as approvalWithoutSubmitters } from './approval-without-submitters.js';
import { rule as bashOnlySyntax } from './bash-only-syntax.js';
import { rule as blueGreenWithoutHealthCheck } from './blue-green-without-health-check.js';
import { rule as branchPatternNeverMatches } from './branch-pattern-never-matches.js';
import { rule as branchPatternsOverlap } from './branch-patterns-overlap.js';
import { rule as coverageBelowOrg } from './coverage-below-org.js';
import { rule as coverageThresholdRange } from './coverage-threshold-range.js';
import { rule as credentialsInUrl } from './credentials-in-url.js';
import { rule as customStageDuplicateName } from './custom-stage-duplicate-name.js';
import { rule as environmentManifestMissing } from './environment-manifest-missing.js';
import { rule as environmentUnreachable } from './environment-unreachable.js';
import { rule as featureBranchDeploys } from './feature-branch-deploys.js';
import { rule as imageTagMutable } from './image-tag-mutable.js';
import { rule as manifestDisagrees } from './manifest-disagrees.js';
import { rule as manifestPathUnsafe } from './manifest-path-unsafe.js';
import { rule as notificationAddressMalformed } from './notification-address-malformed.js';
import { rule as notificationEventUnrouted } from './notification-event-unrouted.js';
import { rule as notificationTargetUnconfigured } from './notification-target-unconfigured.js';
import { rule as productionAutoDeploy } from './production-auto-deploy.js';
import { rule as productionDatabaseBackupOff } from './production-database-backup-off.js';
import { rule as productionRequiresApproval } from './production-requires-approval.js';
import { rule as promotionCrossBranch } from './promotion-cross-branch.js';
import { rule as promotionCycle } from './promotion-cycle.js';
import { rule as promotionOrderMissing } from './promotion-order-missing.js';
import { rule as promotionUnknownEnvironment } from './promotion-unknown-environment.js';
import { rule as registryCredentialsMissing } from './registry-credentials-missing.js';
import { rule as replicasBelowSeed } from './replicas-below-seed.js';
import { rule as rollbackWithoutHealthCheck } from './rollback-without-health-check.js';
import { rule as secretInConfig } from './secret-in-config.js';
import { rule as secretScanningOffProduction } from './secret-scanning-off-production.js';
import { rule as timeoutAboveGate } from './timeout-above-gate.js';
import { rule as trivyCriticalMissing } from './trivy-critical-missing.js';
import { rule as trivyDisabled } from './trivy-disabled.js';
import { rule as trivyGateNeverFails } from './trivy-gate-never-fails.js';
import { rule as trivyHighMissing } from './trivy-high-missing.js';
import { rule as trivyIgnoreExpired } from './trivy-ignore-expired.js';
import { rule as workspacePathUnsafe } from './workspace-path-unsafe.js';

export const rules: Rule[] = [
  approvalWithoutSubmitters,
  bashOnlySyntax,
  blueGreenWithoutHealthCheck,
  branchPatternNeverMatches,
  branchPatternsOverlap,
  coverageBelowOrg,
  coverageThresholdRange,
  credentialsInUrl,
  customStageDuplicateName,
  environmentManifestMissing,
  environmentUnreachable,
  featureBranchDeploys,
  imageTagMutable,
  manifestDisagrees,
  manifestPathUnsafe,
  notificationAddressMalformed,
  notificationEventUnrouted,
  notificationTargetUnconfigured,
  productionAutoDeploy,
  productionDatabaseBackupOff,
  productionRequiresApproval,
  promotionCrossBranch,
  promotionCycle,
  promotionOrderMissing,
  promotionUnknownEnvironment,
  registryCredentialsMissing,
  replicasBelowSeed,
  rollbackWithoutHealthCheck,
  secretInConfig,
  secretScanningOffProduction,
  timeoutAboveGate,
  trivyCriticalMissing,
  trivyDisabled,
  trivyGateNeverFails,
  trivyHighMissing,
  trivyIgnoreExpired,
  workspacePathUnsafe,
];
