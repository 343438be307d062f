// The Build stage: checkout, install, lint, tests, quality gates and the image (build, scan, push) on the build agent, with the custom stages slotted around them.
import type { Model, StageId } from '../config/model.js';
import { parseDuration } from '../core/durations.js';
import type { FlowContext } from './context.js';
import { BUILD_SLOTS, builtInNames, customStagesAt, STAGE_NAME } from './names.js';
import { condition, type Action, type Condition, type Stage, type Value } from './types.js';

/** The scanner image of the pod's sonar container, where sonar-scanner runs on Kubernetes agents (the build image may have none). */
export const SONAR_SCANNER_IMAGE = 'sonarsource/sonar-scanner-cli:11';

/** True when the SonarQube stage runs sonar-scanner in the pod's sonar container: Kubernetes agents whose commands call the scanner CLI. */
export function sonarContainer(model: Model): boolean {
  const s = model.gates.sonarqube;
  return model.agent.kind === 'kubernetes' && s !== null && s.command.every((c) => /^sonar-scanner(\s|$)/.test(c));
}

function customStages(ctx: FlowContext, slot: StageId, position: 'before' | 'after'): Stage[] {
  return customStagesAt(ctx.model, slot, position).map((c) =>
    ctx.stage({
      id: `custom:${c.name}`,
      name: c.name,
      kind: 'custom',
      when: c.branch ? condition({ branches: [c.branch] }) : null,
      actions: c.run.map((script) => ({ kind: 'sh', script })),
    }),
  );
}

/** The stages pipewright writes in a build slot: which ones, and their names, from builtInNames (shared with stageNames). */
function builtInStages(ctx: FlowContext, slot: StageId): Stage[] {
  return builtInNames(ctx.model, slot).map((name) => builtInStage(ctx, name));
}

function builtInStage(ctx: FlowContext, name: string): Stage {
  const { build, gates, image, security } = ctx.model;
  const sh = (commands: string[]): Action[] => commands.map((script) => ({ kind: 'sh', script }));
  const imageWhen = (): Condition | null => {
    const branches = ctx.imageBranches();
    return branches ? condition({ branches }) : null;
  };
  switch (name) {
    case STAGE_NAME.checkout:
      return ctx.stage({ id: 'checkout', name, kind: 'checkout', actions: [{ kind: 'step', step: 'pwCheckout', args: {} }] });
    case STAGE_NAME.install:
      return ctx.stage({ id: 'install', name, kind: 'install', actions: sh(build.install) });
    case STAGE_NAME.lint:
      return ctx.stage({ id: 'lint', name, kind: 'lint', actions: sh(build.lint) });
    case STAGE_NAME.test: {
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
      return ctx.stage({ id: 'test', name, kind: 'test', actions: sh(build.test), post });
    }
    case STAGE_NAME.coverage:
      return ctx.stage({
        id: 'coverage',
        name,
        kind: 'coverage',
        actions: [{ kind: 'step', step: 'pwCoverageGate', args: { report: build.coverage!, format: build.coverageFormat, min: gates.coverage.min } }],
      });
    case STAGE_NAME.sonarqube: {
      const s = gates.sonarqube!;
      const scan: Action = {
        kind: 'withSonarQubeEnv',
        server: s.server,
        body: [{ kind: 'withEnv', variables: [{ name: 'PW_SONAR_PROJECT_KEY', value: s.projectKey }], body: sh(s.command) }],
      };
      return ctx.stage({
        id: 'sonarqube',
        name,
        kind: 'sonarqube',
        actions: [
          ...(sonarContainer(ctx.model) ? [{ kind: 'container' as const, name: 'sonar', body: [scan] }] : [scan]),
          { kind: 'jenkins', step: 'waitForQualityGate', args: { abortPipeline: s.abortPipeline } },
        ],
      });
    }
    case STAGE_NAME.image:
      return ctx.stage({ id: 'image', name, kind: 'image', when: imageWhen(), actions: [{ kind: 'step', step: 'pwBuildImage', args: buildImageArgs(ctx) }] });
    case STAGE_NAME.scan: {
      const t = security.trivy;
      const img = image!;
      const args: Record<string, Value> = {
        image: img.name,
        tag: img.tag,
        builder: img.builder,
        failOn: [...t.failOn],
        warnOn: [...t.warnOn],
        ignoreUnfixed: t.ignoreUnfixed,
        scanners: [...t.scanners],
      };
      if (t.ignore.length) args.ignore = t.ignore.map((i) => ({ id: i.id, until: i.until, reason: i.reason }));
      args.trivyImage = t.image;
      args.report = 'reports/trivy.json';
      const security_ = ctx.notify('security', null, false);
      return ctx.stage({
        id: 'scan',
        name,
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
      });
    }
    case STAGE_NAME.publish: {
      const img = image!;
      const r = img.registry;
      const args: Record<string, Value> = { image: img.name, tag: img.tag };
      if (img.alsoTag.length) args.alsoTag = [...img.alsoTag];
      args.registry = r.type;
      args.registryUrl = r.url;
      if (r.region) args.region = r.region;
      args.builder = img.builder;
      // Without a credential, ECR signs in with the agent's role.
      if (r.credentialsId) args.credentialsId = r.credentialsId;
      return ctx.stage({ id: 'publish', name, kind: 'publish', when: imageWhen(), actions: [{ kind: 'step', step: 'pwPushImage', args }] });
    }
    default:
      throw new Error(`no built-in stage is named ${JSON.stringify(name)}`);
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
  const children = BUILD_SLOTS.flatMap((slot) => [...customStages(ctx, slot, 'before'), ...builtInStages(ctx, slot), ...customStages(ctx, slot, 'after')]);
  return ctx.stage({
    id: 'build',
    name: STAGE_NAME.build,
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
