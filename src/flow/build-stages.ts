// The Build stage: checkout, install, lint, tests, quality gates and the image (build, scan, push) on the build agent, with the custom stages slotted around them.
import type { Model, StageId } from '../config/model.js';
import { parseDuration } from '../core/durations.js';
import type { FlowContext } from './context.js';
import { condition, type Action, type Condition, type Stage, type Value } from './types.js';

/** The scanner image of the pod's sonar container, where sonar-scanner runs on Kubernetes agents (the build image may have none). */
export const SONAR_SCANNER_IMAGE = 'sonarsource/sonar-scanner-cli:11';

/** True when the SonarQube stage runs sonar-scanner in the pod's sonar container: Kubernetes agents whose commands call the scanner CLI. */
export function sonarContainer(model: Model): boolean {
  const s = model.gates.sonarqube;
  return model.agent.kind === 'kubernetes' && s !== null && s.command.every((c) => /^sonar-scanner(\s|$)/.test(c));
}

function customStages(ctx: FlowContext, slot: StageId, position: 'before' | 'after'): Stage[] {
  return ctx.model.custom
    .filter((c) => c.stage === slot && c.position === position)
    .map((c) =>
      ctx.stage({
        id: `custom:${c.name}`,
        name: c.name,
        kind: 'custom',
        when: c.branch ? condition({ branches: [c.branch] }) : null,
        actions: c.run.map((script) => ({ kind: 'sh', script })),
      }),
    );
}

function builtInStages(ctx: FlowContext, slot: StageId): Stage[] {
  const { build, gates, image, security } = ctx.model;
  const sh = (commands: string[]): Action[] => commands.map((script) => ({ kind: 'sh', script }));
  const imageWhen = (): Condition | null => {
    const branches = ctx.imageBranches();
    return branches ? condition({ branches }) : null;
  };
  switch (slot) {
    case 'checkout':
      return [ctx.stage({ id: 'checkout', name: 'Checkout', kind: 'checkout', actions: [{ kind: 'step', step: 'pwCheckout', args: {} }] })];
    case 'install':
      return build.install.length ? [ctx.stage({ id: 'install', name: 'Install', kind: 'install', actions: sh(build.install) })] : [];
    case 'lint':
      return build.lint.length ? [ctx.stage({ id: 'lint', name: 'Lint', kind: 'lint', actions: sh(build.lint) })] : [];
    case 'test': {
      if (!build.test.length) return [];
      const post: Stage['post'] = build.junit
        ? [
            {
              condition: 'always',
              actions: [
                { kind: 'jenkins', step: 'junit', args: { testResults: build.junit, allowEmptyResults: false } },
                { kind: 'step', step: 'pwTestSummary', args: { junit: build.junit } },
              ],
            },
          ]
        : [];
      return [ctx.stage({ id: 'test', name: 'Unit tests', kind: 'test', actions: sh(build.test), post })];
    }
    case 'quality': {
      const stages: Stage[] = [];
      if (gates.coverage.enabled && build.coverage) {
        stages.push(
          ctx.stage({
            id: 'coverage',
            name: 'Coverage gate',
            kind: 'coverage',
            actions: [{ kind: 'step', step: 'pwCoverageGate', args: { report: build.coverage, format: build.coverageFormat, min: gates.coverage.min } }],
          }),
        );
      }
      if (gates.sonarqube) {
        const s = gates.sonarqube;
        stages.push(
          ctx.stage({
            id: 'sonarqube',
            name: 'SonarQube',
            kind: 'sonarqube',
            actions: [
              ...((): Action[] => {
                const scan: Action = {
                  kind: 'withSonarQubeEnv',
                  server: s.server,
                  body: [{ kind: 'withEnv', variables: [{ name: 'PW_SONAR_PROJECT_KEY', value: s.projectKey }], body: sh(s.command) }],
                };
                return sonarContainer(ctx.model) ? [{ kind: 'container', name: 'sonar', body: [scan] }] : [scan];
              })(),
              { kind: 'jenkins', step: 'waitForQualityGate', args: { abortPipeline: s.abortPipeline } },
            ],
          }),
        );
      }
      return stages;
    }
    case 'image':
      if (!image) return [];
      return [
        ctx.stage({
          id: 'image',
          name: 'Build image',
          kind: 'image',
          when: imageWhen(),
          actions: [{ kind: 'step', step: 'pwBuildImage', args: buildImageArgs(ctx) }],
        }),
      ];
    case 'scan': {
      if (!image || !security.trivy.enabled) return [];
      const t = security.trivy;
      const args: Record<string, Value> = {
        image: image.name,
        tag: image.tag,
        builder: image.builder,
        failOn: [...t.failOn],
        warnOn: [...t.warnOn],
        ignoreUnfixed: t.ignoreUnfixed,
        scanners: [...t.scanners],
      };
      if (t.ignore.length) args.ignore = t.ignore.map((i) => ({ id: i.id, until: i.until, reason: i.reason }));
      args.trivyImage = t.image;
      args.report = 'reports/trivy.json';
      const security_ = ctx.notify('security', null, false);
      return [
        ctx.stage({
          id: 'scan',
          name: 'Security scan',
          kind: 'scan',
          when: imageWhen(),
          actions: [{ kind: 'step', step: 'pwScanImage', args }],
          post: [
            {
              condition: 'always',
              actions: [{ kind: 'jenkins', step: 'archiveArtifacts', args: { artifacts: 'reports/trivy.json', allowEmptyArchive: true } }],
            },
            // pwNotify sends the alert only when this scan found something (the combined result may be an earlier warning).
            ...(security_.length ? [{ condition: 'unsuccessful' as const, actions: security_ }] : []),
          ],
        }),
      ];
    }
    case 'publish': {
      if (!image) return [];
      const r = image.registry;
      const args: Record<string, Value> = { image: image.name, tag: image.tag };
      if (image.alsoTag.length) args.alsoTag = [...image.alsoTag];
      args.registry = r.type;
      args.registryUrl = r.url;
      if (r.region) args.region = r.region;
      args.builder = image.builder;
      // Without a credential, ECR signs in with the agent's role.
      if (r.credentialsId) args.credentialsId = r.credentialsId;
      const actions: Action[] = [{ kind: 'step', step: 'pwPushImage', args }];
      return [ctx.stage({ id: 'publish', name: 'Push image', kind: 'publish', when: imageWhen(), actions })];
    }
    case 'deploy':
      return [];
  }
}

function buildImageArgs(ctx: FlowContext): Record<string, Value> {
  const image = ctx.model.image!;
  const args: Record<string, Value> = { image: image.name, tag: image.tag };
  if (image.alsoTag.length) args.alsoTag = [...image.alsoTag];
  args.dockerfile = image.dockerfile;
  args.context = image.context;
  if (image.target) args.target = image.target;
  if (image.buildArgs.length) args.buildArgs = Object.fromEntries(image.buildArgs.map((b) => [b.name, b.value]));
  args.builder = image.builder;
  return args;
}

/** The Build group: every build slot's stages, custom ones included, on one build agent under the build timeout. */
export function buildStage(ctx: FlowContext): Stage {
  const slots: StageId[] = ['checkout', 'install', 'lint', 'test', 'quality', 'image', 'scan', 'publish'];
  const children = slots.flatMap((slot) => [...customStages(ctx, slot, 'before'), ...builtInStages(ctx, slot), ...customStages(ctx, slot, 'after')]);
  return ctx.stage({
    id: 'build',
    name: 'Build',
    kind: 'build',
    when: ctx.when(null),
    agent: 'build',
    timeout: parseDuration(ctx.model.gates.timeouts.build),
    children,
  });
}

/** The custom stages slotted before or after the deploy stages: top-level, each on the build agent. */
export function deploySlotCustomStages(ctx: FlowContext, position: 'before' | 'after'): Stage[] {
  // Custom commands need the build image (deploy stages under docker take the helper image).
  return customStages(ctx, 'deploy', position).map((s) => ({ ...s, agent: 'build' as const, when: ctx.when(s.when?.branches ?? null) }));
}
