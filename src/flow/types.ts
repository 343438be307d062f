// The delivery flow as data: the types of stages, actions, conditions and the flow, and the build parameters' names.
import type { Agent, StageId } from '../config/model.js';
import type { Duration } from '../core/durations.js';

/** A value a step call or Jenkins step passes; `expr` is Groovy the generator writes itself (never user data). */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Expr;
export interface Expr {
  expr: string;
}
export const expr = (text: string): Expr => ({ expr: text });
export const isExpr = (v: unknown): v is Expr =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Expr).expr === 'string';

export type Action =
  /** A shell command, passed verbatim as a single-quoted literal. */
  | { kind: 'sh'; script: string }
  /** A pipewright library step from the registry. */
  | { kind: 'step'; step: string; args: Record<string, Value> }
  /** A Jenkins core or plugin step with named arguments. */
  | { kind: 'jenkins'; step: string; args: Record<string, Value> }
  /** `checkout scm` and similar bare statements the generator writes. */
  | { kind: 'statement'; text: string }
  | { kind: 'withEnv'; variables: Array<{ name: string; value: string }>; body: Action[] }
  | { kind: 'withSonarQubeEnv'; server: string; body: Action[] }
  /** Runs the body in a container of the Kubernetes pod (the Kubernetes plugin's container step). */
  | { kind: 'container'; name: string; body: Action[] }
  /**
   * The timeout step around one part of a stage (what a sub-stage with a timeout option used to be); `label` names the
   * part for plan. An expired timeout interrupts the body, so the stage ends ABORTED as with the option.
   * `byEnvironment`: the step's arguments when a stage written once for several environments looks its time up by the
   * chosen one (src/gen/rollback-merge.ts); `duration` is then the first environment's.
   */
  | { kind: 'timeout'; duration: Duration; label: string; body: Action[]; byEnvironment?: Expr };

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
  /** The manual-rollback parameter's values, any of which runs the stage (a stage written once for those environments). */
  rollbackIn: string[] | null;
  /** A boolean build parameter that must be true. */
  param: string | null;
  /** Alternatives, any of which must hold (each one all of its parts). */
  anyOf: Condition[] | null;
  /** A condition that must not hold. */
  not: Condition | null;
}

export const condition = (parts: Partial<Condition>): Condition => ({
  branches: null,
  rollback: null,
  rollbackIn: null,
  param: null,
  anyOf: null,
  not: null,
  ...parts,
});

export interface Stage {
  /** Stable id: kind plus environment or custom name, for plan and tests. */
  id: string;
  name: string;
  kind:
    | StageId
    | 'custom'
    | 'build'
    | 'request-approval'
    | 'approve'
    | 'deploy'
    | 'backup'
    | 'bump'
    | 'sync'
    | 'wait-sync'
    | 'health'
    | 'rollback'
    | 'restore'
    | 'verify'
    | 'coverage'
    | 'sonarqube';
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
  lock: string | Expr | null;
  input: { message: string; ok: string; submitters: string[]; submitterParameter: string } | null;
  actions: Action[];
  /** Sequential child stages (a group); a stage has either actions or children. */
  children: Stage[];
  post: Array<{ condition: PostCondition; actions: Action[] }>;
  /**
   * One stage standing for several environments' alike stages (the manual rollback's): each environment's own stage,
   * named as this one, which a run of that environment executes (plan reads it); the Jenkinsfile writes this stage once
   * with the environment read from the build parameter (src/gen/rollback-merge.ts).
   */
  variants?: Stage[];
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
