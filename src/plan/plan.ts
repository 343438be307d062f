// The per-branch plan as data: read off the flow the Jenkinsfile is rendered from (src/flow/), never from branch logic of its own.
import type { Model } from '../config/model.js';
import { branchMatches } from '../config/branch-pattern.js';
import { formatDuration } from '../core/durations.js';
import { flatActions, stagesForBranch, stepArgs, type PlannedStage } from '../flow/evaluate.js';
import { NO_ROLLBACK, ROLLBACK_PARAM, type Action, type Condition, type Flow, type Stage, type Value } from '../flow/types.js';
import { buildFlow } from '../gen/flow.js';
import { STEP_BY_NAME } from '../gen/steps.js';
import { credentialsBound } from '../gen/step-credentials.js';

export interface PlanStage {
  id: string;
  name: string;
  kind: Stage['kind'];
  /** 0 for a top-level stage, 1 for a stage inside a group. */
  depth: number;
  /** True for a stage that only groups others. */
  group: boolean;
  environment: string | null;
  /** build / deploy: allocates an agent; none: holds none while it waits; inherit: runs on its group's agent. */
  agent: Stage['agent'];
  timeout: string | null;
  /** A build parameter that must also be set for the stage to run (e.g. the database restore of a manual rollback). */
  onlyWith: string | null;
}

export interface PlanGates {
  coverage: { min: number; report: string; format: string } | null;
  trivy: { failOn: string[]; warnOn: string[]; ignoreUnfixed: boolean; scanners: string[] } | null;
  sonarqube: { server: string; abortPipeline: boolean } | null;
  timeouts: Array<{ stage: string; timeout: string }>;
  approvals: Array<{ environment: string; stage: string; submitters: string[]; timeout: string | null; fourEyes: boolean; requireReview: boolean }>;
}

export interface PlanCredential {
  id: string;
  binding: string;
  /** The stages (and post blocks) that bind it. */
  usedIn: string[];
}

export interface PlanImage {
  name: string;
  tag: string;
  alsoTag: string[];
  registry: string;
  registryUrl: string;
  builder: string;
}

export interface PlanDeployment {
  environment: string;
  /** The environment this one is promoted from, when it deploys on the same branch before it. */
  after: string | null;
  strategy: string | null;
  replicas: number | null;
  manifest: string | null;
  argocdApp: string | null;
  sync: string | null;
  approval: boolean;
  healthCheck: string | null;
  /** How long the health check may take to see the app healthy (the gate, not the stage's Jenkins timeout). */
  healthTimeout: string | null;
  automaticRollback: boolean;
}

export interface PlanNotification {
  event: string;
  targets: string[];
  /** The stages (and post blocks) that send it. */
  sentFrom: string[];
}

export interface PlanRollback {
  environment: string;
  stages: PlanStage[];
}

export interface BranchPlan {
  branch: string;
  /** named: a pattern the config names; other: a representative of every branch no pattern names. */
  source: 'named' | 'other' | 'given';
  stages: PlanStage[];
  gates: PlanGates;
  credentials: PlanCredential[];
  images: PlanImage[];
  deployments: PlanDeployment[];
  notifications: PlanNotification[];
  /** The manual-rollback runs this branch offers (build parameter PW_ROLLBACK_ENVIRONMENT), one per environment. */
  rollbacks: PlanRollback[];
}

export interface Plan {
  app: string;
  file: string;
  branches: BranchPlan[];
}

/** Branch names tried, in order, for "a feature branch": the first that no configured pattern matches. */
const OTHER_BRANCH_CANDIDATES = ['feature/*', 'topic/*', 'other-branch'];

const str = (v: Value | undefined): string | null => (typeof v === 'string' ? v : null);
const strs = (v: Value | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The branch patterns the flow's conditions name, in stage order. */
export function namedBranches(flow: Flow): string[] {
  const found: string[] = [];
  const fromCondition = (c: Condition | null): void => {
    if (!c) return;
    for (const b of c.branches ?? []) if (!found.includes(b)) found.push(b);
    for (const alternative of c.anyOf ?? []) fromCondition(alternative);
  };
  const visit = (stages: Stage[]): void => {
    for (const s of stages) {
      fromCondition(s.when);
      visit(s.children);
    }
  };
  visit(flow.stages);
  return found;
}

/** A branch name that no configured pattern matches (a feature branch, which deploys nothing), or null when every branch is named. */
export function otherBranch(named: string[]): string | null {
  return OTHER_BRANCH_CANDIDATES.find((candidate) => !named.some((pattern) => branchMatches(pattern, candidate))) ?? null;
}

function planStages(planned: PlannedStage[]): PlanStage[] {
  return planned.map(({ path, stage }) => ({
    id: stage.id,
    name: stage.name,
    kind: stage.kind,
    depth: path.length - 1,
    group: stage.children.length > 0,
    environment: stage.environment,
    agent: stage.agent,
    timeout: stage.timeout ? formatDuration(stage.timeout) : null,
    onlyWith: stage.when?.param ?? null,
  }));
}

function gatesOf(planned: PlannedStage[]): PlanGates {
  const gates: PlanGates = { coverage: null, trivy: null, sonarqube: null, timeouts: [], approvals: [] };
  for (const { stage } of planned) {
    if (stage.timeout) gates.timeouts.push({ stage: stage.name, timeout: formatDuration(stage.timeout) });
    // A stage's parts in timeout steps: each is named by the stage and the part.
    for (const a of flatActions(stage.actions))
      if (a.kind === 'timeout') gates.timeouts.push({ stage: `${stage.name} (${a.label})`, timeout: formatDuration(a.duration) });
    const coverage = stepArgs(stage, 'pwCoverageGate');
    if (coverage) gates.coverage = { min: Number(coverage.min), report: str(coverage.report) ?? '', format: str(coverage.format) ?? '' };
    const scan = stepArgs(stage, 'pwScanImage');
    if (scan) gates.trivy = { failOn: strs(scan.failOn), warnOn: strs(scan.warnOn), ignoreUnfixed: scan.ignoreUnfixed === true, scanners: strs(scan.scanners) };
    for (const a of flatActions(stage.actions)) {
      if (a.kind === 'withSonarQubeEnv') gates.sonarqube = { server: a.server, abortPipeline: gates.sonarqube?.abortPipeline ?? true };
      if (a.kind === 'jenkins' && a.step === 'waitForQualityGate' && gates.sonarqube) gates.sonarqube.abortPipeline = a.args.abortPipeline === true;
    }
    if (stage.input) {
      const approve = stepArgs(stage, 'pwApprove');
      gates.approvals.push({
        environment: stage.environment ?? '',
        stage: stage.name,
        submitters: [...stage.input.submitters],
        timeout: stage.timeout ? formatDuration(stage.timeout) : null,
        fourEyes: approve?.fourEyes === true,
        requireReview: approve?.requireReview === true,
      });
    }
  }
  return gates;
}

/**
 * Where something happens, as people read it: "Push image", "Security scan (post unstable, failure)",
 * "pipeline (post success)"; conditions of the same stage are merged, in the order met.
 */
class Places {
  private readonly entries: Array<{ stage: string; conditions: string[]; inSteps: boolean }> = [];

  add(stage: string, condition: string | null): void {
    let entry = this.entries.find((e) => e.stage === stage);
    if (!entry) this.entries.push((entry = { stage, conditions: [], inSteps: false }));
    if (condition === null) entry.inSteps = true;
    else if (!entry.conditions.includes(condition)) entry.conditions.push(condition);
  }

  list(): string[] {
    return this.entries.flatMap((e) => [...(e.inSteps ? [e.stage] : []), ...(e.conditions.length ? [`${e.stage} (post ${e.conditions.join(', ')})`] : [])]);
  }
}

/** Calls `visit` for every action the planned stages and the pipeline's post block run, with where it runs. */
function eachAction(planned: PlannedStage[], flow: Flow, visit: (action: Action, stage: string, condition: string | null) => void): void {
  for (const { stage } of planned) {
    for (const a of flatActions(stage.actions)) visit(a, stage.name, null);
    for (const p of stage.post) for (const a of flatActions(p.actions)) visit(a, stage.name, p.condition);
  }
  for (const p of flow.post) for (const a of flatActions(p.actions)) visit(a, 'pipeline', p.condition);
}

function credentialsOf(planned: PlannedStage[], flow: Flow): PlanCredential[] {
  const byId = new Map<string, { binding: string; places: Places }>();
  eachAction(planned, flow, (a, stage, condition) => {
    // A library step binds its own credentials from the IDs its arguments name (the Jenkinsfile writes no withCredentials).
    const step = a.kind === 'step' ? STEP_BY_NAME.get(a.step) : undefined;
    const bound = step && a.kind === 'step' ? credentialsBound(step, a.args) : [];
    for (const b of bound) {
      const entry = byId.get(b.id) ?? { binding: b.binding, places: new Places() };
      entry.places.add(stage, condition);
      byId.set(b.id, entry);
    }
  });
  return [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, e]) => ({ id, binding: e.binding, usedIn: e.places.list() }));
}

function imagesOf(planned: PlannedStage[]): PlanImage[] {
  return planned.flatMap(({ stage }) => {
    const push = stepArgs(stage, 'pwPushImage');
    if (!push) return [];
    return [
      {
        name: str(push.image) ?? '',
        tag: str(push.tag) ?? '',
        alsoTag: strs(push.alsoTag),
        registry: str(push.registry) ?? '',
        registryUrl: str(push.registryUrl) ?? '',
        builder: str(push.builder) ?? '',
      },
    ];
  });
}

function deploymentsOf(planned: PlannedStage[], model: Model): PlanDeployment[] {
  const order: string[] = [];
  const stagesOf = new Map<string, Stage[]>();
  for (const { stage } of planned) {
    if (!stage.environment) continue;
    if (!stagesOf.has(stage.environment)) {
      order.push(stage.environment);
      stagesOf.set(stage.environment, []);
    }
    stagesOf.get(stage.environment)!.push(stage);
  }
  return order.map((name) => {
    const stages = stagesOf.get(name)!;
    const find = (step: string): Record<string, Value> | null => stages.map((s) => stepArgs(s, step)).find((a) => a !== null) ?? null;
    const bump = find('pwBumpManifest');
    const sync = find('pwArgoSync');
    const health = find('pwHealthCheck');
    const env = model.environments.find((e) => e.name === name);
    const after = env?.after && order.indexOf(env.after) >= 0 && order.indexOf(env.after) < order.indexOf(name) ? env.after : null;
    return {
      environment: name,
      after,
      strategy: env?.strategy ?? null,
      replicas: env?.replicas ?? null,
      manifest: str(bump?.manifest) ?? null,
      argocdApp: str(sync?.application) ?? null,
      sync: str(sync?.mode) ?? null,
      approval: stages.some((s) => s.input !== null),
      healthCheck: str(health?.url) ?? null,
      healthTimeout: str(health?.timeout) ?? null,
      automaticRollback: stages.some((s) =>
        s.post.some((p) => p.condition === 'failure' && flatActions(p.actions).some((a) => a.kind === 'step' && a.step === 'pwRollback')),
      ),
    };
  });
}

function notificationsOf(planned: PlannedStage[], flow: Flow): PlanNotification[] {
  const byRoute = new Map<string, { event: string; targets: string[]; places: Places }>();
  eachAction(planned, flow, (a, stage, condition) => {
    if (a.kind !== 'step' || a.step !== 'pwNotify') return;
    const event = str(a.args.event) ?? '';
    const targets = strs(a.args.targets);
    const key = JSON.stringify([event, targets]);
    const entry = byRoute.get(key) ?? { event, targets, places: new Places() };
    entry.places.add(stage, condition);
    byRoute.set(key, entry);
  });
  return [...byRoute.values()].map((e) => ({ event: e.event, targets: e.targets, sentFrom: e.places.list() }));
}

/** The manual-rollback choices of the flow's build parameter. */
function rollbackChoices(flow: Flow): string[] {
  const parameter = flow.parameters.find((p) => p.name === ROLLBACK_PARAM);
  return parameter && parameter.kind === 'choice' ? parameter.choices.filter((c) => c !== NO_ROLLBACK) : [];
}

export function planBranch(flow: Flow, model: Model, branch: string, source: BranchPlan['source']): BranchPlan {
  const planned = stagesForBranch(flow, branch);
  const rollbacks = rollbackChoices(flow)
    .map((environment) => ({ environment, stages: planStages(stagesForBranch(flow, branch, { rollback: environment, restoreDatabase: true })) }))
    .filter((r) => r.stages.length > 0);
  return {
    branch,
    source,
    stages: planStages(planned),
    gates: gatesOf(planned),
    credentials: credentialsOf(planned, flow),
    images: imagesOf(planned),
    deployments: deploymentsOf(planned, model),
    notifications: notificationsOf(planned, flow),
    rollbacks,
  };
}

/** The plan for every branch pattern the config names plus a feature branch, or for `branch` alone. */
export function buildPlan(model: Model, branch?: string): Plan {
  const flow = buildFlow(model);
  let branches: BranchPlan[];
  if (branch !== undefined) branches = [planBranch(flow, model, branch, 'given')];
  else {
    const named = namedBranches(flow);
    const other = otherBranch(named);
    branches = [...named.map((b) => planBranch(flow, model, b, 'named' as const)), ...(other ? [planBranch(flow, model, other, 'other' as const)] : [])];
  }
  return { app: model.app, file: model.file, branches };
}

/** Stage names of the whole flow, groups and manual-rollback stages included: what a complete picture must show. */
export function allStageNames(model: Model): string[] {
  const names: string[] = [];
  const visit = (stages: Stage[]): void => {
    for (const s of stages) {
      if (!names.includes(s.name)) names.push(s.name);
      visit(s.children);
    }
  };
  visit(buildFlow(model).stages);
  return names;
}
