// What every stage builder shares: the model in promotion order, stage and condition constructors, notifications, and the GitOps, Argo CD and health-check calls deploy and rollback stages both make.
import type { Agent, Database, Environment, Model, NotificationEvent } from '../config/model.js';
import { addDurations, parseDuration, type Duration } from '../core/durations.js';
import { STAGE_NAME } from './names.js';
import { condition, NO_ROLLBACK, type Action, type Condition, type PostCondition, type Stage, type Value } from './types.js';

/**
 * The Jenkins stage timeout around a helper that enforces the same gate itself (Argo CD sync, health check):
 * one minute more, so the helper's own failure (and with it the automatic rollback in post { failure }) comes
 * first, and the stage timeout, which ends the build ABORTED, only stops a helper that hangs.
 */
export function backstop(gate: Duration): Duration {
  return addDurations(gate, { time: 1, unit: 'MINUTES' });
}

/** Environments in promotion order: each after the one it is promoted from, otherwise in file order. */
export function promotionOrder(environments: Environment[]): Environment[] {
  const byName = new Map(environments.map((e) => [e.name, e]));
  const ordered: Environment[] = [];
  const seen = new Set<string>();
  const visit = (env: Environment, path: Set<string>): void => {
    if (seen.has(env.name) || path.has(env.name)) return; // a cycle is a lint error; never loop on one
    path.add(env.name);
    const parent = env.after ? byName.get(env.after) : undefined;
    if (parent) visit(parent, path);
    seen.add(env.name);
    ordered.push(env);
  };
  for (const env of environments) visit(env, new Set());
  return ordered;
}

export const uniq = <T>(values: T[]): T[] => [...new Set(values)];

/** The map a borrowing step takes to find an agent when its stage holds none. */
export function borrowedAgent(agent: Agent): Value {
  switch (agent.kind) {
    case 'label':
      return { label: agent.label };
    case 'docker':
      // The build image may have no node; a borrowed agent only runs helpers, so it takes the node image.
      return { docker: { image: agent.nodeImage } };
    case 'kubernetes': {
      const k: Record<string, Value> = {};
      if (agent.inheritFrom !== null) k.inheritFrom = agent.inheritFrom;
      k.nodeImage = agent.nodeImage;
      if (agent.serviceAccount !== null) k.serviceAccount = agent.serviceAccount;
      if (agent.namespace !== null) k.namespace = agent.namespace;
      return { kubernetes: k };
    }
  }
}

/**
 * Appends a message to the last of a group's stages, so it goes out once everything before it succeeded: a post
 * `success` would be skipped when the build is already UNSTABLE (a scan warning), since post judges the combined result.
 */
export function announceAfter(children: Stage[], actions: Action[]): void {
  const last = children[children.length - 1];
  if (last && actions.length) last.actions = [...last.actions, ...actions];
}

/**
 * The steps of leaf stages that would run one after another on the same agent, as one stage's steps: each part keeps its
 * timeout as a timeout step around it (a part without one is written as it is). A sub-stage per step only repeated the
 * stage, its options and its closing braces; the step that failed still shows in the stage's log and in plan's timeouts.
 */
export function inline(parts: Stage[]): Action[] {
  return parts.flatMap((p) =>
    p.timeout ? [{ kind: 'timeout' as const, duration: p.timeout, label: p.name.replace(/: [^:]*$/, ''), body: p.actions }] : p.actions,
  );
}

/** The backup and restore steps' sslmode: written only when the config leaves the registry's default (require), so a config that says nothing keeps its Jenkinsfile. */
export function sslmodeArg(db: Database): { sslmode?: Database['sslmode'] } {
  return db.sslmode === 'require' ? {} : { sslmode: db.sslmode };
}

/** The model and what the stage builders derive from it once; the builders (build-, deploy-, rollback-stages.ts) take it. */
export class FlowContext {
  readonly environments: Environment[];
  readonly manualRollback: boolean;
  readonly borrow: Value;

  constructor(readonly model: Model) {
    this.environments = promotionOrder(model.environments);
    this.manualRollback = model.rollback.manual && model.gitops !== null && this.environments.some((e) => e.manifest !== null);
    this.borrow = borrowedAgent(model.agent);
  }

  // ---- conditions -------------------------------------------------------------------------------

  when(branches: string[] | null, rollback: string | null = this.manualRollback ? NO_ROLLBACK : null, param: string | null = null): Condition | null {
    if (branches === null && rollback === null && param === null) return null;
    return condition({ branches, rollback, param });
  }

  /** Branches that build and push images: those that deploy, or every branch when nothing deploys. */
  imageBranches(): string[] | null {
    const branches = uniq(this.environments.map((e) => e.branch));
    return branches.length ? branches : null;
  }

  /** How long Jenkins waits for operations to sync an environment by hand: as long as its approval may take, or the deploy timeout. */
  manualSyncTimeout(env: Environment): string {
    return env.approval?.timeout ?? this.model.gates.timeouts.deploy;
  }

  /** The Lockable Resources name for an environment: the app and the environment, the same from every branch. */
  lockFor(env: Environment): string {
    return `${this.model.app}/${env.name}`;
  }

  postIf(condition: PostCondition, actions: Action[]): Stage['post'] {
    return actions.length ? [{ condition, actions }] : [];
  }

  stage(partial: Partial<Stage> & Pick<Stage, 'id' | 'name' | 'kind'>): Stage {
    return { environment: null, when: null, agent: 'inherit', timeout: null, lock: null, input: null, actions: [], children: [], post: [], ...partial };
  }

  // ---- notifications ----------------------------------------------------------------------------

  /** True when the event's route has targets: notify writes a call (stageNames reads it for the stages that hold one alone). */
  notifies(event: NotificationEvent): boolean {
    return this.model.notifications.routes[event].length > 0;
  }

  /** A pwNotify call to the route's targets; `message` is the helper's event when it differs from the route (approval-expired goes where approval requests go). */
  notify(event: NotificationEvent, environment: string | null, borrow: boolean, extra: Record<string, Value> = {}, message: string = event): Action[] {
    if (!this.notifies(event)) return [];
    const n = this.model.notifications;
    const targets = n.routes[event];
    const args: Record<string, Value> = { event: message, targets: [...targets], app: this.model.app };
    if (environment) args.environment = environment;
    if (n.slack?.channel && targets.includes('slack')) args.slackChannel = n.slack.channel;
    if (n.email && targets.includes('email')) args.emailTo = [...n.email.to];
    if (n.email?.from && targets.some((t) => t === 'email' || t.startsWith('email:'))) args.emailFrom = n.email.from;
    Object.assign(args, extra);
    if (n.failBuild) args.failBuild = true;
    if (n.slack && targets.some((t) => t === 'slack' || t.startsWith('slack:'))) args.slackCredentialsId = n.slack.credentialsId;
    if (borrow) args.agent = this.borrow;
    return [{ kind: 'step', step: 'pwNotify', args }];
  }

  // ---- deploy -----------------------------------------------------------------------------------

  gitopsArgs(env: Environment): Record<string, Value> {
    const g = this.model.gitops!;
    const args: Record<string, Value> = { environment: env.name, app: this.model.app, image: this.model.image?.name ?? this.model.app };
    return {
      ...args,
      repo: g.repo,
      branch: g.branch,
      method: g.method,
      manifest: env.manifest!,
      format: env.format,
      ...(env.container ? { container: env.container } : {}),
      ...(env.helmKeyPath ? { helmKeyPath: env.helmKeyPath } : {}),
    };
  }

  /** The seed's deployment table for the environment, which bump-image checks the manifest against before writing. */
  deploymentTable(env: Environment): Record<string, Value> {
    return {
      strategy: env.strategy,
      ...(env.replicas !== null ? { replicas: env.replicas } : {}),
      ...(env.resources !== null ? { resources: env.resources } : {}),
      // 'warn' is the step's default: leaving it out keeps every config that does not set it unchanged.
      ...(env.onMismatch !== 'warn' ? { onMismatch: env.onMismatch } : {}),
    };
  }

  canBump(env: Environment): boolean {
    return this.model.gitops !== null && env.manifest !== null;
  }

  rollbackAction(env: Environment, reason: string, revision: Value | null, borrow: boolean): Action[] {
    if (!this.canBump(env)) return [];
    const args: Record<string, Value> = { ...this.gitopsArgs(env) };
    if (revision !== null) args.revision = revision;
    args.reason = reason;
    if (revision === null) args.automatic = true;
    // The step binds it on the agent that runs the helpers: an ssh key binding needs a workspace beside it.
    args.credentialsId = this.model.gitops!.credentialsId;
    if (borrow) args.agent = this.borrow;
    return [{ kind: 'step', step: 'pwRollback', args }];
  }

  /** True when Argo CD syncs the environment (an Argo CD server and the environment's application): syncAction writes a call. */
  syncs(env: Environment): boolean {
    return !!this.model.gitops?.argocd && !!env.argocdApp;
  }

  syncAction(env: Environment, mode: Environment['sync'], timeout: string, borrow: boolean): Action[] {
    const argocd = this.model.gitops?.argocd;
    if (!argocd || !this.syncs(env)) return [];
    const args: Record<string, Value> = { environment: env.name, server: argocd.server, application: env.argocdApp, mode, strategy: env.strategy };
    if (this.model.image) Object.assign(args, { image: this.model.image.name, tag: this.model.image.tag });
    args.timeout = timeout;
    args.credentialsId = argocd.credentialsId;
    if (borrow) args.agent = this.borrow;
    return [{ kind: 'step', step: 'pwArgoSync', args }];
  }

  /** The environment's health check as a stage of its own; `borrow`: its call takes an agent (the stage holds none). */
  healthStage(env: Environment, idPrefix: string, borrow = false): Stage[] {
    const h = env.healthCheck;
    if (!h) return [];
    const args: Record<string, Value> = { environment: env.name, url: h.url };
    if (h.expectBody !== null) args.expectBody = h.expectBody;
    args.timeout = h.timeout;
    args.app = this.model.app;
    if (env.namespace) args.namespace = env.namespace;
    if (h.metrics) {
      Object.assign(args, {
        prometheus: h.metrics.prometheus,
        watch: h.metrics.window,
        checks: h.metrics.checks.map((c) => {
          const check: Record<string, Value> = { name: c.name };
          if (c.preset !== null) check.preset = c.preset;
          if (c.query !== null) check.query = c.query;
          if (c.max !== null) check.max = c.max;
          if (c.min !== null) check.min = c.min;
          return check;
        }),
      });
    }
    if (borrow) args.agent = this.borrow;
    // The health timeout bounds the answer; a metrics window adds its own watching time.
    const timeout = h.metrics ? addDurations(parseDuration(h.timeout), parseDuration(h.metrics.window)) : parseDuration(h.timeout);
    return [
      this.stage({
        id: `${idPrefix}:${env.name}`,
        name: STAGE_NAME.health(env.name),
        kind: 'health',
        environment: env.name,
        timeout: backstop(timeout),
        actions: [{ kind: 'step', step: 'pwHealthCheck', args }],
      }),
    ];
  }

  rollbackEnvironments(): Environment[] {
    return this.environments.filter((e) => this.canBump(e));
  }
}
