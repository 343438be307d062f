// The delivery flow as data: a Model becomes the ordered stages, with their branch conditions, agents, actions and post blocks.
import { branchMatches } from '../config/branch-pattern.js';
import type { Agent, Database, Environment, GitOps, Model, NotificationEvent, StageId } from '../config/model.js';
import { STEP_BY_NAME } from './steps.js';

/** A value a step call or Jenkins step passes; `expr` is Groovy the generator writes itself (never user data). */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Expr;
export interface Expr {
  expr: string;
}
export const expr = (text: string): Expr => ({ expr: text });
export const isExpr = (v: unknown): v is Expr => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Expr).expr === 'string';

export interface Binding {
  kind: 'usernamePassword' | 'string' | 'sshUserPrivateKey';
  credentialsId: string;
  /** Binding parameter name -> environment variable, e.g. usernameVariable -> PW_GIT_USER. */
  variables: Record<string, string>;
}

export type Action =
  /** A shell command, passed verbatim as a single-quoted literal. */
  | { kind: 'sh'; script: string }
  /** A pipewright library step from the registry. */
  | { kind: 'step'; step: string; args: Record<string, Value> }
  /** A Jenkins core or plugin step with named arguments. */
  | { kind: 'jenkins'; step: string; args: Record<string, Value> }
  /** `checkout scm` and similar bare statements the generator writes. */
  | { kind: 'statement'; text: string }
  | { kind: 'withCredentials'; bindings: Binding[]; body: Action[] }
  | { kind: 'withEnv'; variables: Array<{ name: string; value: string }>; body: Action[] }
  | { kind: 'withSonarQubeEnv'; server: string; body: Action[] }
  /** Runs the body in a container of the Kubernetes pod (the Kubernetes plugin's container step). */
  | { kind: 'container'; name: string; body: Action[] }
  /**
   * The timeout step around one part of a stage (what a sub-stage with a timeout option used to be); `label` names the
   * part for plan. An expired timeout interrupts the body, so the stage ends ABORTED as with the option.
   */
  | { kind: 'timeout'; duration: Duration; label: string; body: Action[] };

export interface Duration {
  time: number;
  unit: 'SECONDS' | 'MINUTES' | 'HOURS';
}

/**
 * Declarative judges a stage's post condition on the worse of the stage's and the build's result, and a timeout
 * or an expired input ends a stage ABORTED, which `failure` does not see: rollbacks run on failure and aborted,
 * the stage's own outcome messages are steps inside it, and the security alert checks its own cause.
 */
export type PostCondition = 'always' | 'success' | 'unstable' | 'failure' | 'aborted' | 'unsuccessful';

export interface Condition {
  /** Branch patterns, any of which runs the stage; null: every branch. */
  branches: string[] | null;
  /** The manual-rollback parameter's value the stage needs: '-' for the normal path, an environment for its rollback. */
  rollback: string | null;
  /** A boolean build parameter that must be true. */
  param: string | null;
  /** Alternatives, any of which must hold (each one all of its parts). */
  anyOf: Condition[] | null;
  /** A condition that must not hold. */
  not: Condition | null;
}

export const condition = (parts: Partial<Condition>): Condition => ({ branches: null, rollback: null, param: null, anyOf: null, not: null, ...parts });

export interface Stage {
  /** Stable id: kind plus environment or custom name, for plan and tests. */
  id: string;
  name: string;
  kind:
    | StageId | 'custom' | 'build' | 'request-approval' | 'approve' | 'deploy' | 'backup' | 'bump' | 'sync' | 'wait-sync' | 'health'
    | 'rollback' | 'restore' | 'verify' | 'coverage' | 'sonarqube';
  environment: string | null;
  when: Condition | null;
  /**
   * inherit: run on the enclosing stage's agent; build: allocate the configured agent with every build container;
   * deploy: the configured agent with only what the helpers need; none: hold nothing.
   */
  agent: 'inherit' | 'build' | 'deploy' | 'none';
  timeout: Duration | null;
  /**
   * A Lockable Resources lock held while the stage runs (options { lock }): one per environment, named from the app
   * and the environment but not the branch, so two branches (two jobs) never deploy it at once either.
   */
  lock: string | null;
  input: { message: string; ok: string; submitters: string[]; submitterParameter: string } | null;
  actions: Action[];
  /** Sequential child stages (a group); a stage has either actions or children. */
  children: Stage[];
  post: Array<{ condition: PostCondition; actions: Action[] }>;
}

export interface Flow {
  library: string;
  agent: Agent;
  keepBuilds: number;
  /** The Build stage pushes an image and stashes its facts: keep stashes so a restarted deploy stage can read them. */
  preserveStashes: boolean;
  triggers: { githubPush: boolean; cron: string | null };
  environment: Array<{ name: string; value: string }>;
  parameters: Array<
    | { kind: 'choice'; name: string; choices: string[]; description: string }
    | { kind: 'string'; name: string; defaultValue: string; description: string }
    | { kind: 'boolean'; name: string; defaultValue: boolean; description: string }
  >;
  stages: Stage[];
  post: Array<{ condition: PostCondition; actions: Action[] }>;
}

export const ROLLBACK_PARAM = 'PW_ROLLBACK_ENVIRONMENT';
export const REVISION_PARAM = 'PW_ROLLBACK_REVISION';
export const RESTORE_PARAM = 'PW_ROLLBACK_RESTORE_DATABASE';
/** The rollback parameter's value for a normal build: no environment name can be "-". */
export const NO_ROLLBACK = '-';
export const APPROVER_VARIABLE = 'PW_APPROVER';

/** Parses a schema duration ("30s", "10m", "24h"); anything else is refused rather than emitted. */
export function parseDuration(text: string): Duration {
  const m = /^([1-9][0-9]{0,5})(s|m|h)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${JSON.stringify(text)}`);
  return { time: Number(m[1]), unit: m[2] === 's' ? 'SECONDS' : m[2] === 'm' ? 'MINUTES' : 'HOURS' };
}

/** The sum of durations, in the largest unit that keeps it whole. */
export function addDurations(...parts: Duration[]): Duration {
  const seconds = parts.reduce((total, d) => total + d.time * (d.unit === 'SECONDS' ? 1 : d.unit === 'MINUTES' ? 60 : 3600), 0);
  if (seconds % 3600 === 0) return { time: seconds / 3600, unit: 'HOURS' };
  if (seconds % 60 === 0) return { time: seconds / 60, unit: 'MINUTES' };
  return { time: seconds, unit: 'SECONDS' };
}

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

const uniq = <T>(values: T[]): T[] => [...new Set(values)];

function gitBinding(gitops: GitOps): Binding {
  return gitops.repo.startsWith('https://')
    ? { kind: 'usernamePassword', credentialsId: gitops.credentialsId, variables: { usernameVariable: 'PW_GIT_USER', passwordVariable: 'PW_GIT_TOKEN' } }
    : { kind: 'sshUserPrivateKey', credentialsId: gitops.credentialsId, variables: { keyFileVariable: 'PW_GIT_SSH_KEY' } };
}

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
function announceAfter(children: Stage[], actions: Action[]): void {
  const last = children[children.length - 1];
  if (last && actions.length) last.actions = [...last.actions, ...actions];
}

/**
 * The steps of leaf stages that would run one after another on the same agent, as one stage's steps: each part keeps its
 * timeout as a timeout step around it (a part without one is written as it is). A sub-stage per step only repeated the
 * stage, its options and its closing braces; the step that failed still shows in the stage's log and in plan's timeouts.
 */
function inline(parts: Stage[]): Action[] {
  return parts.flatMap((p) => (p.timeout ? [{ kind: 'timeout' as const, duration: p.timeout, label: p.name.replace(/: [^:]*$/, ''), body: p.actions }] : p.actions));
}

// ---- preflight ----------------------------------------------------------------------------------

/** The programs the library steps among these actions run, by where they run (the registry's binaries, conditions applied). */
export function binariesOf(actions: Action[]): { helpers: string[]; build: string[] } {
  const out = { helpers: new Set<string>(), build: new Set<string>() };
  const visit = (list: Action[]): void => {
    for (const a of list) {
      if ('body' in a) visit(a.body);
      if (a.kind !== 'step') continue;
      for (const b of STEP_BY_NAME.get(a.step)?.binaries ?? []) {
        const holds = (b.when ?? []).every((w) => {
          const value = a.args[w.argument];
          return typeof value === 'string' && new RegExp(w.pattern).test(value);
        });
        if (holds) out[b.where].add(b.name);
      }
    }
  };
  visit(actions);
  return { helpers: [...out.helpers], build: [...out.build] };
}

/**
 * Where each kind of program runs on this agent, and the pipeline.yaml field that chooses it: on Kubernetes the pod's
 * node container (helpers) and build container; under docker the stage's image (the build image, or for deploy stages
 * the helper image); on a label agent its host.
 */
function placesFor(agent: Agent, role: 'build' | 'deploy'): Record<'helpers' | 'build', Value> {
  const place = (container: string, image: string | null, field: string): Value => ({ container, image, field });
  switch (agent.kind) {
    case 'kubernetes':
      return { helpers: place('node', agent.nodeImage, 'agent.kubernetes.nodeImage'), build: place('build', agent.image, 'agent.kubernetes.image') };
    case 'docker': {
      const p = role === 'build' ? place('', agent.image, 'agent.docker.image') : place('', agent.nodeImage, 'agent.docker.nodeImage');
      return { helpers: p, build: p };
    }
    case 'label': {
      const p = place('', null, `the agents labelled ${JSON.stringify(agent.label)} (install them there, or change agent.label)`);
      return { helpers: p, build: p };
    }
  }
}

/** The pwPreflight call for a stage group: one check per place, with every program the group's steps run there. */
function preflightFor(agent: Agent, role: 'build' | 'deploy', group: Stage): Action | null {
  const needed = binariesOf(actionsIn(group));
  const places = placesFor(agent, role);
  const checks = new Map<string, { place: Record<string, Value>; tools: string[] }>();
  for (const where of ['helpers', 'build'] as const) {
    if (!needed[where].length) continue;
    const place = places[where] as Record<string, Value>;
    const key = JSON.stringify(place);
    const entry = checks.get(key) ?? { place, tools: [] };
    entry.tools = uniq([...entry.tools, ...needed[where]]);
    checks.set(key, entry);
  }
  if (!checks.size) return null;
  const list: Value[] = [...checks.values()].map(({ place, tools }) => {
    const check: Record<string, Value> = {};
    if (place.container) check.container = place.container;
    if (place.image) check.image = place.image;
    check.tools = tools;
    check.field = place.field!;
    return check;
  });
  return { kind: 'step', step: 'pwPreflight', args: { checks: list } };
}

/** The stage's first leaf, where a step runs before any other of the group. */
function firstLeaf(stage: Stage): Stage {
  return stage.children.length ? firstLeaf(stage.children[0]!) : stage;
}

/**
 * A preflight before any side effect: first in the build, and first in each stage group that holds an agent for a
 * deploy (the manual rollback: first in each environment's path), so a missing program fails in seconds, before a bump.
 */
function withPreflights(agent: Agent, stages: Stage[]): Stage[] {
  const prepend = (group: Stage, role: 'build' | 'deploy', target: Stage): void => {
    const call = preflightFor(agent, role, group);
    if (call) target.actions.unshift(call);
  };
  for (const stage of stages) {
    if (stage.agent === 'build') prepend(stage, 'build', firstLeaf(stage));
    else if (stage.agent === 'deploy' && stage.kind === 'rollback' && stage.children.length) {
      // Each environment's path starts with its "Roll back" stage; the check covers that environment's stages.
      for (const child of stage.children.filter((c) => c.kind === 'rollback')) {
        const path = stage.children.filter((c) => c.environment === child.environment);
        prepend({ ...stage, children: path }, 'deploy', child);
      }
    } else if (stage.agent === 'deploy') prepend(stage, 'deploy', firstLeaf(stage));
    // An agent-less group (the manual rollback) holds the stages that take agents one level down.
    else if (stage.agent === 'none' && stage.children.length) withPreflights(agent, stage.children);
  }
  return stages;
}

// ---- environment facts --------------------------------------------------------------------------

/** The pipeline environment entry holding the facts; pwInternal.environmentFacts reads it. */
export const FACTS_VARIABLE = 'PW_ENVIRONMENT_FACTS';

/** Facts every environment shares (from pipeline.yaml's top-level sections), and each environment's own. */
export interface EnvironmentFacts {
  shared: Record<string, Value>;
  environments: Record<string, Record<string, Value>>;
}

/** Facts that come from pipeline.yaml's top level, the same for every environment: written once for all of them. */
const SHARED_FACTS = new Set(['app', 'image', 'tag', 'repo', 'branch', 'method', 'argocdServer']);

/**
 * True for a string json-lib would not read back as the same string: readJSON (Pipeline Utility Steps'
 * ReadJSONStepExecution, through json-lib's JSONSerializer) turns a string value that JSONUtils.mayBeJSON accepts
 * ("null", "[…]", "{…}") into JSON, and a "function(…){…}" header into a JSONFunction. Such a value stays in the call.
 */
function jsonLibRereads(value: Value): boolean {
  if (typeof value === 'string') return value === 'null' || (value.startsWith('[') && value.endsWith(']')) || (value.startsWith('{') && value.endsWith('}')) || /^\s*function\b/.test(value);
  if (Array.isArray(value)) return value.some(jsonLibRereads);
  if (value && typeof value === 'object') return isExpr(value) || Object.values(value).some(jsonLibRereads);
  return false;
}

/**
 * Takes what the deploy, sync, health and rollback calls of each environment share into one set of facts: an argument
 * the registry lets a step read from the facts (STEPS' `facts`) leaves the call when the environment's fact holds the
 * same value; the first call to name a fact sets it, and a call that needs another value keeps its own argument (a
 * call's argument wins over the fact at run time). Changing one value in pipeline.yaml then changes one line.
 */
export function factorEnvironmentFacts(flow: Flow): { stages: Stage[]; facts: EnvironmentFacts | null } {
  // The flow keeps every argument (plan reads them); the Jenkinsfile gets a copy without those the facts hold.
  const stages = structuredClone(flow.stages);
  const facts: EnvironmentFacts = { shared: {}, environments: {} };
  let used = false;
  const same = (a: Value, b: Value): boolean => JSON.stringify(a) === JSON.stringify(b);
  const factor = (action: Extract<Action, { kind: 'step' }>): void => {
    const map = STEP_BY_NAME.get(action.step)?.facts;
    const environment = action.args.environment;
    if (!map || typeof environment !== 'string') return;
    const own = (facts.environments[environment] ??= {});
    const args: Record<string, Value> = {};
    for (const [name, value] of Object.entries(action.args)) {
      const fact = map[name];
      if (fact === undefined || jsonLibRereads(value)) {
        args[name] = value;
        continue;
      }
      const home = SHARED_FACTS.has(fact) ? facts.shared : own;
      if (!(fact in home)) home[fact] = value;
      if (same(home[fact]!, value)) used = true;
      else args[name] = value;
    }
    action.args = args;
  };
  const visit = (actions: Action[]): void => {
    for (const a of actions) {
      if ('body' in a) visit(a.body);
      else if (a.kind === 'step') factor(a);
    }
  };
  const walk = (list: Stage[]): void => {
    for (const s of list) {
      visit(s.actions);
      for (const p of s.post) visit(p.actions);
      walk(s.children);
    }
  };
  walk(stages);
  return used ? { stages, facts } : { stages: flow.stages, facts: null };
}

/** The scanner image of the pod's sonar container, where sonar-scanner runs on Kubernetes agents (the build image may have none). */
export const SONAR_SCANNER_IMAGE = 'sonarsource/sonar-scanner-cli:11';

/** True when the SonarQube stage runs sonar-scanner in the pod's sonar container: Kubernetes agents whose commands call the scanner CLI. */
export function sonarContainer(model: Model): boolean {
  const s = model.gates.sonarqube;
  return model.agent.kind === 'kubernetes' && s !== null && s.command.every((c) => /^sonar-scanner(\s|$)/.test(c));
}

/** Builds the whole flow for a model. */
export function buildFlow(model: Model): Flow {
  return new FlowBuilder(model).build();
}

class FlowBuilder {
  private readonly environments: Environment[];
  private readonly manualRollback: boolean;
  private readonly borrow: Value;

  constructor(private readonly model: Model) {
    this.environments = promotionOrder(model.environments);
    this.manualRollback = model.rollback.manual && model.gitops !== null && this.environments.some((e) => e.manifest !== null);
    this.borrow = borrowedAgent(model.agent);
  }

  build(): Flow {
    const m = this.model;
    const parameters: Flow['parameters'] = [];
    if (this.manualRollback) {
      const envs = this.rollbackEnvironments().map((e) => e.name);
      parameters.push(
        { kind: 'choice', name: ROLLBACK_PARAM, choices: [NO_ROLLBACK, ...envs], description: 'Manual rollback: the environment to roll back ("-" builds and deploys as usual).' },
        { kind: 'string', name: REVISION_PARAM, defaultValue: '', description: 'Manual rollback: the deploy-history revision to restore (empty: the one before the current).' },
      );
      if (this.rollbackEnvironments().some((e) => e.database !== null)) {
        parameters.push({ kind: 'boolean', name: RESTORE_PARAM, defaultValue: false, description: "Manual rollback: also restore the environment's database from its newest backup." });
      }
    }
    const stages = withPreflights(m.agent, [...this.deliveryStages(), ...(this.manualRollback ? [this.manualRollbackGroup()] : [])]);
    return {
      library: m.jenkins.library,
      agent: m.agent,
      keepBuilds: m.jenkins.keepBuilds,
      preserveStashes: m.image !== null,
      triggers: { ...m.triggers },
      environment: [{ name: 'PW_APP', value: m.app }, ...(m.image ? [{ name: 'PW_IMAGE', value: m.image.name }] : [])],
      parameters,
      stages,
      post: this.pipelinePost(),
    };
  }

  // ---- conditions -------------------------------------------------------------------------------

  private when(branches: string[] | null, rollback: string | null = this.manualRollback ? NO_ROLLBACK : null, param: string | null = null): Condition | null {
    if (branches === null && rollback === null && param === null) return null;
    return condition({ branches, rollback, param });
  }

  /** Branches that build and push images: those that deploy, or every branch when nothing deploys. */
  private imageBranches(): string[] | null {
    const branches = uniq(this.environments.map((e) => e.branch));
    return branches.length ? branches : null;
  }

  /** How long Jenkins waits for operations to sync an environment by hand: as long as its approval may take, or the deploy timeout. */
  private manualSyncTimeout(env: Environment): string {
    return env.approval?.timeout ?? this.model.gates.timeouts.deploy;
  }

  /** The Lockable Resources name for an environment: the app and the environment, the same from every branch. */
  private lockFor(env: Environment): string {
    return `${this.model.app}/${env.name}`;
  }

  private postIf(condition: PostCondition, actions: Action[]): Stage['post'] {
    return actions.length ? [{ condition, actions }] : [];
  }

  private stage(partial: Partial<Stage> & Pick<Stage, 'id' | 'name' | 'kind'>): Stage {
    return { environment: null, when: null, agent: 'inherit', timeout: null, lock: null, input: null, actions: [], children: [], post: [], ...partial };
  }

  // ---- notifications ----------------------------------------------------------------------------

  /** A pwNotify call to the route's targets; `message` is the helper's event when it differs from the route (approval-expired goes where approval requests go). */
  private notify(event: NotificationEvent, environment: string | null, borrow: boolean, extra: Record<string, Value> = {}, message: string = event): Action[] {
    const n = this.model.notifications;
    const targets = n.routes[event];
    if (targets.length === 0) return [];
    const args: Record<string, Value> = { event: message, targets: [...targets], app: this.model.app };
    if (environment) args.environment = environment;
    if (n.slack?.channel && targets.includes('slack')) args.slackChannel = n.slack.channel;
    if (n.email && targets.includes('email')) args.emailTo = [...n.email.to];
    if (n.email?.from && targets.some((t) => t === 'email' || t.startsWith('email:'))) args.emailFrom = n.email.from;
    Object.assign(args, extra);
    if (n.failBuild) args.failBuild = true;
    if (borrow) args.agent = this.borrow;
    const call: Action = { kind: 'step', step: 'pwNotify', args };
    if (n.slack && targets.some((t) => t === 'slack' || t.startsWith('slack:'))) {
      return [{ kind: 'withCredentials', bindings: [{ kind: 'string', credentialsId: n.slack.credentialsId, variables: { variable: 'SLACK_WEBHOOK_URL' } }], body: [call] }];
    }
    return [call];
  }

  private pipelinePost(): Flow['post'] {
    const post: Flow['post'] = [];
    const add = (condition: PostCondition, actions: Action[]): void => {
      if (actions.length) post.push({ condition, actions });
    };
    add('always', [{ kind: 'step', step: 'pwRecordMetrics', args: { app: this.model.app, agent: this.borrow } }]);
    add('success', this.notify('success', null, true));
    // An unstable or aborted build gets the failure route's message too, saying which it was.
    add('unsuccessful', this.notify('failure', null, true));
    return post;
  }

  // ---- build ------------------------------------------------------------------------------------

  private customStages(slot: StageId, position: 'before' | 'after'): Stage[] {
    return this.model.custom
      .filter((c) => c.stage === slot && c.position === position)
      .map((c) =>
        this.stage({
          id: `custom:${c.name}`,
          name: c.name,
          kind: 'custom',
          when: c.branch ? condition({ branches: [c.branch] }) : null,
          actions: c.run.map((script) => ({ kind: 'sh', script })),
        }),
      );
  }

  private builtInStages(slot: StageId): Stage[] {
    const { build, gates, image, security } = this.model;
    const sh = (commands: string[]): Action[] => commands.map((script) => ({ kind: 'sh', script }));
    const imageWhen = (): Condition | null => {
      const branches = this.imageBranches();
      return branches ? condition({ branches }) : null;
    };
    switch (slot) {
      case 'checkout':
        return [this.stage({ id: 'checkout', name: 'Checkout', kind: 'checkout', actions: [{ kind: 'step', step: 'pwCheckout', args: {} }] })];
      case 'install':
        return build.install.length ? [this.stage({ id: 'install', name: 'Install', kind: 'install', actions: sh(build.install) })] : [];
      case 'lint':
        return build.lint.length ? [this.stage({ id: 'lint', name: 'Lint', kind: 'lint', actions: sh(build.lint) })] : [];
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
        return [this.stage({ id: 'test', name: 'Unit tests', kind: 'test', actions: sh(build.test), post })];
      }
      case 'quality': {
        const stages: Stage[] = [];
        if (gates.coverage.enabled && build.coverage) {
          stages.push(
            this.stage({
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
            this.stage({
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
                  return sonarContainer(this.model) ? [{ kind: 'container', name: 'sonar', body: [scan] }] : [scan];
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
          this.stage({
            id: 'image',
            name: 'Build image',
            kind: 'image',
            when: imageWhen(),
            actions: [{ kind: 'step', step: 'pwBuildImage', args: this.buildImageArgs() }],
          }),
        ];
      case 'scan': {
        if (!image || !security.trivy.enabled) return [];
        const t = security.trivy;
        const args: Record<string, Value> = { image: image.name, tag: image.tag, builder: image.builder, failOn: [...t.failOn], warnOn: [...t.warnOn], ignoreUnfixed: t.ignoreUnfixed, scanners: [...t.scanners] };
        if (t.ignore.length) args.ignore = t.ignore.map((i) => ({ id: i.id, until: i.until, reason: i.reason }));
        args.trivyImage = t.image;
        args.report = 'reports/trivy.json';
        const security_ = this.notify('security', null, false);
        return [
          this.stage({
            id: 'scan',
            name: 'Security scan',
            kind: 'scan',
            when: imageWhen(),
            actions: [{ kind: 'step', step: 'pwScanImage', args }],
            post: [
              { condition: 'always', actions: [{ kind: 'jenkins', step: 'archiveArtifacts', args: { artifacts: 'reports/trivy.json', allowEmptyArchive: true } }] },
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
        const push: Action = { kind: 'step', step: 'pwPushImage', args };
        const variables = r.type === 'ecr'
          ? { usernameVariable: 'AWS_ACCESS_KEY_ID', passwordVariable: 'AWS_SECRET_ACCESS_KEY' }
          : { usernameVariable: 'PW_REGISTRY_USER', passwordVariable: 'PW_REGISTRY_PASSWORD' };
        const actions: Action[] = r.credentialsId
          ? [{ kind: 'withCredentials', bindings: [{ kind: 'usernamePassword', credentialsId: r.credentialsId, variables }], body: [push] }]
          : [push];
        return [this.stage({ id: 'publish', name: 'Push image', kind: 'publish', when: imageWhen(), actions })];
      }
      case 'deploy':
        return [];
    }
  }

  private buildImageArgs(): Record<string, Value> {
    const image = this.model.image!;
    const args: Record<string, Value> = { image: image.name, tag: image.tag };
    if (image.alsoTag.length) args.alsoTag = [...image.alsoTag];
    args.dockerfile = image.dockerfile;
    args.context = image.context;
    if (image.target) args.target = image.target;
    if (image.buildArgs.length) args.buildArgs = Object.fromEntries(image.buildArgs.map((b) => [b.name, b.value]));
    args.builder = image.builder;
    return args;
  }

  private deliveryStages(): Stage[] {
    const slots: StageId[] = ['checkout', 'install', 'lint', 'test', 'quality', 'image', 'scan', 'publish'];
    const children = slots.flatMap((slot) => [...this.customStages(slot, 'before'), ...this.builtInStages(slot), ...this.customStages(slot, 'after')]);
    const build = this.stage({
      id: 'build',
      name: 'Build',
      kind: 'build',
      when: this.when(null),
      agent: 'build',
      timeout: parseDuration(this.model.gates.timeouts.build),
      children,
    });
    const topLevelCustom = (position: 'before' | 'after'): Stage[] =>
      // Custom commands need the build image (deploy stages under docker take the helper image).
      this.customStages('deploy', position).map((s) => ({ ...s, agent: 'build' as const, when: this.when(s.when?.branches ?? null) }));
    return [build, ...topLevelCustom('before'), ...this.environments.flatMap((env) => this.environmentStages(env)), ...topLevelCustom('after')];
  }

  // ---- deploy -----------------------------------------------------------------------------------

  private gitopsArgs(env: Environment): Record<string, Value> {
    const g = this.model.gitops!;
    const args: Record<string, Value> = { environment: env.name, app: this.model.app, image: this.model.image?.name ?? this.model.app };
    return { ...args, repo: g.repo, branch: g.branch, method: g.method, manifest: env.manifest!, format: env.format, ...(env.container ? { container: env.container } : {}), ...(env.helmKeyPath ? { helmKeyPath: env.helmKeyPath } : {}) };
  }

  /** The seed's deployment table for the environment, which bump-image checks the manifest against before writing. */
  private deploymentTable(env: Environment): Record<string, Value> {
    return {
      strategy: env.strategy,
      ...(env.replicas !== null ? { replicas: env.replicas } : {}),
      ...(env.resources !== null ? { resources: env.resources } : {}),
      // 'warn' is the step's default: leaving it out keeps every config that does not set it unchanged.
      ...(env.onMismatch !== 'warn' ? { onMismatch: env.onMismatch } : {}),
    };
  }

  private canBump(env: Environment): boolean {
    return this.model.gitops !== null && env.manifest !== null;
  }

  private rollbackAction(env: Environment, reason: string, revision: Value | null, borrow: boolean): Action[] {
    if (!this.canBump(env)) return [];
    const args: Record<string, Value> = { ...this.gitopsArgs(env) };
    if (revision !== null) args.revision = revision;
    args.reason = reason;
    if (revision === null) args.automatic = true;
    const binding = gitBinding(this.model.gitops!);
    if (borrow && binding.kind === 'sshUserPrivateKey') {
      // An ssh key binding needs a workspace (credentials-binding writes the key beside it): the step binds it on the agent it takes.
      args.sshKeyCredentialsId = binding.credentialsId;
      args.agent = this.borrow;
      return [{ kind: 'step', step: 'pwRollback', args }];
    }
    if (borrow) args.agent = this.borrow;
    return [{ kind: 'withCredentials', bindings: [binding], body: [{ kind: 'step', step: 'pwRollback', args }] }];
  }

  private syncAction(env: Environment, mode: Environment['sync'], timeout: string, borrow: boolean): Action[] {
    const argocd = this.model.gitops?.argocd;
    if (!argocd || !env.argocdApp) return [];
    const args: Record<string, Value> = { environment: env.name, server: argocd.server, application: env.argocdApp, mode, strategy: env.strategy };
    if (this.model.image) Object.assign(args, { image: this.model.image.name, tag: this.model.image.tag });
    args.timeout = timeout;
    if (borrow) args.agent = this.borrow;
    return [
      {
        kind: 'withCredentials',
        bindings: [{ kind: 'string', credentialsId: argocd.credentialsId, variables: { variable: 'ARGOCD_TOKEN' } }],
        body: [{ kind: 'step', step: 'pwArgoSync', args }],
      },
    ];
  }

  private healthStage(env: Environment, idPrefix: string): Stage[] {
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
    // The health timeout bounds the answer; a metrics window adds its own watching time.
    const timeout = h.metrics ? addDurations(parseDuration(h.timeout), parseDuration(h.metrics.window)) : parseDuration(h.timeout);
    return [this.stage({ id: `${idPrefix}:${env.name}`, name: `Health check: ${env.name}`, kind: 'health', environment: env.name, timeout: backstop(timeout), actions: [{ kind: 'step', step: 'pwHealthCheck', args }] })];
  }

  private environmentStages(env: Environment): Stage[] {
    const branches = [env.branch];
    const stages: Stage[] = [];
    const deployTimeout = parseDuration(this.model.gates.timeouts.deploy);
    if (env.approval) {
      const a = env.approval;
      const ask = this.notify('approval', env.name, true, { ...(a.submitters.length ? { approvers: [...a.submitters] } : {}), approvalTimeout: a.timeout });
      if (ask.length) {
        stages.push(this.stage({ id: `request-approval:${env.name}`, name: `Request approval: ${env.name}`, kind: 'request-approval', environment: env.name, when: this.when(branches), agent: 'none', actions: ask }));
      }
      const approveArgs: Record<string, Value> = { environment: env.name, approver: expr(`env.${APPROVER_VARIABLE}`), submitters: [...a.submitters], fourEyes: a.fourEyes, requireReview: a.requireReview };
      if (Object.keys(this.model.identities).length) approveArgs.identities = Object.fromEntries(Object.entries(this.model.identities).map(([k, v]) => [k, [...v]]));
      approveArgs.agent = this.borrow;
      const approveCall: Action = { kind: 'step', step: 'pwApprove', args: approveArgs };
      // --require-review asks GitHub; the GitOps bot's token (an https credential) is the one GitHub credential the config names.
      const gitops = this.model.gitops;
      const approveActions: Action[] =
        a.requireReview && gitops?.repo.startsWith('https://')
          ? [{ kind: 'withCredentials', bindings: [{ kind: 'usernamePassword', credentialsId: gitops.credentialsId, variables: { usernameVariable: 'PW_GITHUB_USER', passwordVariable: 'GITHUB_TOKEN' } }], body: [approveCall] }]
          : [approveCall];
      stages.push(
        this.stage({
          id: `approve:${env.name}`,
          name: `Approve: ${env.name}`,
          kind: 'approve',
          environment: env.name,
          when: this.when(branches),
          agent: 'none',
          timeout: parseDuration(a.timeout),
          input: { message: a.message, ok: `Deploy to ${env.name}`, submitters: [...a.submitters], submitterParameter: APPROVER_VARIABLE },
          actions: approveActions,
          // The stage's timeout ends an unanswered input ABORTED; whoever waits is told nothing was deployed.
          post: this.postIf('aborted', this.notify('approval', env.name, true, {}, 'approval-expired')),
        }),
      );
    }
    // deploy: none: the environment is approved (when it asks) but nothing is bumped, synced, checked or announced.
    if (env.deploy === 'none') return stages;
    const children: Stage[] = [];
    const db = env.database;
    if (db && db.backup) {
      children.push(
        this.stage({
          id: `backup:${env.name}`,
          name: `Back up database: ${env.name}`,
          kind: 'backup',
          environment: env.name,
          timeout: deployTimeout,
          actions: [
            {
              kind: 'withCredentials',
              bindings: [{ kind: 'usernamePassword', credentialsId: db.credentialsId, variables: { usernameVariable: 'PGUSER', passwordVariable: 'PGPASSWORD' } }],
              body: [{ kind: 'step', step: 'pwBackupDatabase', args: { environment: env.name, app: this.model.app, host: db.host, port: db.port, ...sslmodeArg(db), database: db.name, backupDir: db.backupDir, retention: db.retention } }],
            },
          ],
        }),
      );
    }
    if (this.canBump(env)) {
      children.push(
        this.stage({
          id: `bump:${env.name}`,
          name: `Update manifests: ${env.name}`,
          kind: 'bump',
          environment: env.name,
          timeout: deployTimeout,
          actions: [{ kind: 'withCredentials', bindings: [gitBinding(this.model.gitops!)], body: [{ kind: 'step', step: 'pwBumpManifest', args: { ...this.gitopsArgs(env), tag: this.model.image?.tag ?? '{build}-{shortCommit}', ...this.deploymentTable(env) } }] }],
        }),
      );
    }
    // A failed or aborted (timed-out) deploy is rolled back; `failure` alone would miss a Jenkins timeout.
    const rollbackPost = (borrow: boolean): Stage['post'] => {
      const rollback = this.model.rollback.automatic ? this.rollbackAction(env, `automatic rollback: deploying ${env.name} failed`, null, borrow) : [];
      return rollback.length ? [{ condition: 'failure', actions: rollback }, { condition: 'aborted', actions: rollback }] : [];
    };
    const lock = this.lockFor(env);
    // Inside the lock, before anything changes: a newer build that passed this milestone aborts an older one that
    // comes later (Pipeline: Milestone Step), so an older build never deploys after a newer one.
    const milestone: Action = { kind: 'jenkins', step: 'milestone', args: { ordinal: this.environments.indexOf(env) + 1, label: `deploy ${env.name}` } };
    const startWithMilestone = (stages: Stage[]): void => {
      const first = stages[0];
      if (first) first.actions = [milestone, ...first.actions];
    };
    if (env.sync !== 'manual') {
      const sync = this.syncAction(env, env.sync, this.model.gates.timeouts.deploy, false);
      if (sync.length) children.push(this.stage({ id: `sync:${env.name}`, name: `Argo CD sync: ${env.name}`, kind: 'sync', environment: env.name, timeout: backstop(deployTimeout), actions: sync }));
      children.push(...this.healthStage(env, 'health'));
      if (children.length) {
        // One stage on one agent: backup, bump, sync and health check are its steps, each in its own timeout.
        const actions = [milestone, ...inline(children), ...this.notify('deployment', env.name, false)];
        stages.push(this.stage({ id: `deploy:${env.name}`, name: `Deploy: ${env.name}`, kind: 'deploy', environment: env.name, when: this.when(branches), agent: 'deploy', timeout: null, lock, actions, post: rollbackPost(false) }));
      }
      return stages;
    }
    // Manual sync: bump on an agent, ask operations to sync and wait holding none, then check health on an agent; the
    // environment is announced as deployed only after the sync (and the health check) happened. One agent-less parent
    // holds the environment's lock across all three (the approval's input, before it, stays outside the lock), so no
    // other build can bump the environment while this one waits for operations; its post rolls back a failure anywhere.
    const parts: Stage[] = [];
    if (children.length === 1) {
      // A lone bump takes the agent itself.
      startWithMilestone(children);
      parts.push({ ...children[0]!, agent: 'deploy' });
    } else if (children.length) {
      // A backup and a bump share one agent: steps of one stage, each in its timeout.
      parts.push(this.stage({ id: `roll-out:${env.name}`, name: `Roll out: ${env.name}`, kind: 'deploy', environment: env.name, agent: 'deploy', actions: [milestone, ...inline(children)] }));
    }
    const waitTimeout = this.manualSyncTimeout(env);
    const wait = this.syncAction(env, 'manual', waitTimeout, true);
    const health = this.healthStage(env, 'health').map((h) => ({ ...h, agent: 'deploy' as const }));
    if (wait.length) {
      parts.push(
        this.stage({
          id: `wait-sync:${env.name}`,
          name: `Wait for Argo CD sync: ${env.name}`,
          kind: 'wait-sync',
          environment: env.name,
          agent: 'none',
          timeout: backstop(parseDuration(waitTimeout)),
          actions: [...this.notify('deployment', env.name, true, {}, 'awaiting-sync'), ...wait, ...(health.length ? [] : this.notify('deployment', env.name, true))],
        }),
      );
    }
    announceAfter(health, this.notify('deployment', env.name, false));
    parts.push(...health);
    if (parts.length) {
      // The parent holds no agent, so the rollback in its post takes one (borrow).
      stages.push(this.stage({ id: `deploy:${env.name}`, name: `Deploy: ${env.name}`, kind: 'deploy', environment: env.name, when: this.when(branches), agent: 'none', timeout: null, lock, children: parts, post: rollbackPost(true) }));
    }
    return stages;
  }

  // ---- manual rollback --------------------------------------------------------------------------

  /**
   * Everything a manual rollback runs, under one parent that a normal build skips: the stage view of a normal run
   * shows one skipped "Manual rollback" stage instead of every rollback stage of every environment.
   */
  private manualRollbackGroup(): Stage {
    return this.stage({
      id: 'manual-rollback',
      name: 'Manual rollback',
      kind: 'rollback',
      when: condition({ not: condition({ rollback: NO_ROLLBACK }) }),
      agent: 'none',
      children: [this.rollbackRefusal(), ...this.rollbackApprovals(), this.rollbackStage()],
    });
  }

  private rollbackEnvironments(): Environment[] {
    return this.environments.filter((e) => this.canBump(e));
  }

  /**
   * The rollback parameter lists every environment (one Jenkinsfile serves every branch): choosing one this branch
   * does not deploy fails at once with what to do, instead of a green build that rolled nothing back.
   */
  private rollbackRefusal(): Stage {
    const envs = this.rollbackEnvironments();
    const where = envs.map((e) => `${e.name} from ${e.branch}`).join(', ');
    return this.stage({
      id: 'rollback-refused',
      name: 'Check rollback target',
      kind: 'rollback',
      // Inside the manual-rollback group an environment is chosen; refuse it unless this branch deploys it.
      when: condition({ not: condition({ anyOf: envs.map((e) => condition({ branches: [e.branch], rollback: e.name })) }) }),
      agent: 'none',
      actions: [{ kind: 'jenkins', step: 'error', args: { message: `this branch does not deploy the environment chosen for a manual rollback; roll back from the branch that deploys it (${where})` } }],
    });
  }

  /**
   * A manual rollback of an environment that needs an approval to deploy needs the same approval to roll back: an
   * agent-less stage with the input, before the rollback group takes its agent.
   */
  private rollbackApprovals(): Stage[] {
    return this.rollbackEnvironments().flatMap((env) => {
      const a = env.approval;
      if (!a) return [];
      return [
        this.stage({
          id: `approve-rollback:${env.name}`,
          name: `Approve rollback: ${env.name}`,
          kind: 'approve',
          environment: env.name,
          when: condition({ branches: [env.branch], rollback: env.name }),
          agent: 'none',
          timeout: parseDuration(a.timeout),
          input: { message: `Roll back ${env.name}?`, ok: `Roll back ${env.name}`, submitters: [...a.submitters], submitterParameter: APPROVER_VARIABLE },
          actions: [{ kind: 'jenkins', step: 'echo', args: { message: `manual rollback of ${env.name} approved` } }],
        }),
      ];
    });
  }

  /** One group holding every environment's rollback path; each child runs only for the chosen environment on its branch. */
  private rollbackStage(): Stage {
    const deployTimeout = parseDuration(this.model.gates.timeouts.deploy);
    const children = this.rollbackEnvironments().flatMap((env) => {
      // The group runs only where the chosen environment deploys from this branch, so a child needs only the choice.
      const when = (param: string | null = null): Condition => condition({ rollback: env.name, param });
      const stages: Stage[] = [
        this.stage({
          id: `rollback:${env.name}`,
          name: `Roll back: ${env.name}`,
          kind: 'rollback',
          environment: env.name,
          when: when(),
          timeout: deployTimeout,
          lock: this.lockFor(env),
          actions: this.rollbackAction(env, `manual rollback of ${env.name}`, expr(`params.${REVISION_PARAM}`), false),
        }),
      ];
      const db = env.database;
      if (db) {
        stages.push(
          this.stage({
            id: `restore:${env.name}`,
            name: `Restore database: ${env.name}`,
            kind: 'restore',
            environment: env.name,
            when: when(RESTORE_PARAM),
            actions: [
              {
                kind: 'withCredentials',
                bindings: [{ kind: 'usernamePassword', credentialsId: db.credentialsId, variables: { usernameVariable: 'PGUSER', passwordVariable: 'PGPASSWORD' } }],
                body: [{ kind: 'step', step: 'pwRestoreDatabase', args: { environment: env.name, app: this.model.app, host: db.host, port: db.port, ...sslmodeArg(db), database: db.name, backupDir: db.backupDir } }],
              },
            ],
          }),
        );
      }
      // Operations sync manual environments themselves; the rollback waits for that as long as a deploy does.
      const syncTimeout = env.sync === 'manual' ? this.manualSyncTimeout(env) : this.model.gates.timeouts.deploy;
      const sync = this.syncAction(env, env.sync, syncTimeout, false);
      const checks: Stage[] = [];
      if (sync.length) checks.push(this.stage({ id: `rollback-sync:${env.name}`, name: `Argo CD sync: ${env.name}`, kind: 'sync', environment: env.name, timeout: backstop(parseDuration(syncTimeout)), actions: sync }));
      checks.push(...this.healthStage(env, 'rollback-health'));
      // The sync and health check are steps of the stage before them: the rollback's own when no database restore (a
      // stage of its own, run only when asked) comes between, else one stage after the restore.
      const announce = this.notify('deployment', env.name, false, {}, 'rollback');
      const rollback = stages[0]!;
      rollback.actions = rollback.timeout ? inline([rollback]) : rollback.actions;
      rollback.timeout = null;
      if (stages.length === 1) {
        rollback.actions = [...rollback.actions, ...inline(checks), ...announce];
      } else if (checks.length || announce.length) {
        stages.push(this.stage({ id: `rollback-check:${env.name}`, name: `Check after rollback: ${env.name}`, kind: 'verify', environment: env.name, when: when(), actions: [...inline(checks), ...announce] }));
      }
      return stages;
    });
    return this.stage({
      id: 'roll-back',
      name: 'Roll back',
      kind: 'rollback',
      // No condition of its own: "Check rollback target" before it fails a choice this branch does not deploy, and
      // Declarative skips every stage after a failed one (ModelInterpreter.evaluateStage's firstError branch), so the
      // agent is only allocated for an environment this branch deploys.
      when: null,
      agent: 'deploy',
      children,
    });
  }
}

// ---- per branch ---------------------------------------------------------------------------------

export { branchMatches };

export interface BuildParameters {
  /** The manual-rollback environment, or null for a normal build. */
  rollback: string | null;
  restoreDatabase: boolean;
}

function conditionHolds(when: Condition | null, branch: string, params: BuildParameters): boolean {
  if (!when) return true;
  if (when.branches && !when.branches.some((p) => branchMatches(p, branch))) return false;
  const chosen = params.rollback ?? NO_ROLLBACK;
  if (when.rollback !== null && when.rollback !== chosen) return false;
  if (when.param === RESTORE_PARAM && !params.restoreDatabase) return false;
  if (when.anyOf && !when.anyOf.some((c) => conditionHolds(c, branch, params))) return false;
  if (when.not && conditionHolds(when.not, branch, params)) return false;
  return true;
}

export interface PlannedStage {
  /** Names from the top-level stage down. */
  path: string[];
  stage: Stage;
}

/**
 * The stages a build of `branch` runs when nothing fails, in order (groups and their children both listed):
 * the `when` conditions evaluated as Jenkins would, for `plan` and the tests.
 */
export function stagesForBranch(flow: Flow, branch: string, params: BuildParameters = { rollback: null, restoreDatabase: false }): PlannedStage[] {
  const out: PlannedStage[] = [];
  // A stage that only fails (the manual rollback's refusal) ends the run: Declarative skips every stage after it.
  let failed = false;
  const visit = (stages: Stage[], parents: string[]): void => {
    for (const stage of stages) {
      if (failed || !conditionHolds(stage.when, branch, params)) continue;
      const path = [...parents, stage.name];
      out.push({ path, stage });
      failed = stage.actions.some((a) => a.kind === 'jenkins' && a.step === 'error');
      visit(stage.children, path);
    }
  };
  visit(flow.stages, []);
  return out;
}

/** Stage names used more than once: Jenkins refuses such a pipeline (a custom stage named like a built-in one, say). */
export function duplicateStageNames(flow: Flow): string[] {
  const counts = new Map<string, number>();
  const visit = (stages: Stage[]): void => {
    for (const s of stages) {
      counts.set(s.name, (counts.get(s.name) ?? 0) + 1);
      visit(s.children);
    }
  };
  visit(flow.stages);
  return [...counts].filter(([, n]) => n > 1).map(([name]) => name);
}

/** Every action of a stage, its children and its post blocks, wrappers and what they wrap, depth first (for plan). */
export function actionsIn(stage: Stage): Action[] {
  const flat = (actions: Action[]): Action[] => actions.flatMap((a) => ('body' in a ? [a, ...flat(a.body)] : [a]));
  return [...flat(stage.actions), ...stage.children.flatMap(actionsIn), ...stage.post.flatMap((p) => flat(p.actions))];
}

/** The backup and restore steps' sslmode: written only when the config leaves the registry's default (require), so a config that says nothing keeps its Jenkinsfile. */
function sslmodeArg(db: Database): { sslmode?: Database['sslmode'] } {
  return db.sslmode === 'require' ? {} : { sslmode: db.sslmode };
}
