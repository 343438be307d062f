// The shape of the step registry's entries: a library step, its arguments, credentials and programs.
import type { HelperFlag, HelperName } from './helper-flags.js';

/**
 * Argument types, as the Groovy value a call passes:
 * string, boolean, integer, number; duration (a string such as '30s', '10m', '24h');
 * list<string>; map<string,string>; map<string,list<string>>; list<map> and map (shapes in the description);
 * expression (a Groovy expression the generator writes, such as env.PW_APPROVER or params.PW_ROLLBACK_REVISION).
 */
export type ArgumentType =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'number'
  | 'duration'
  | 'list<string>'
  | 'map<string,string>'
  | 'map<string,list<string>>'
  | 'list<map>'
  | 'map'
  | 'expression';

export interface StepArgument {
  name: string;
  type: ArgumentType;
  required: boolean;
  /** The value used when the call leaves the argument out (JSON); absent when there is none. */
  default?: unknown;
  description: string;
  /** The helper command-line flag the step passes this value to, or null when the step uses it itself. */
  flag: HelperFlag | null;
  /** The step's helpers that take the flag, each of them and only those (empty without a flag): see HelperRoute. */
  to: readonly HelperName[];
}

/**
 * Environment variables the step's helper reads, bound by the step itself (pwInternal.credentialBindings, around the
 * helper runs, on the agent that runs them) from the credential whose ID the argument `argument` holds. `match`: bound
 * only when each named argument's value matches its pattern (an https or an ssh repository URL); `when` says so in words.
 */
export interface StepCredential {
  binding: 'usernamePassword' | 'string' | 'sshUserPrivateKey';
  variables: string[];
  argument: string;
  match?: Record<string, string>;
  when: string;
}

/**
 * A program a step runs, and where: `helpers` is the helper environment (the Kubernetes pod's `node` container,
 * `agent.docker.nodeImage` for docker agents' deploy stages, the host of a label agent); `build` is the stage's
 * build container (`agent.*.image`). `when`: needed only when every named argument's value matches its pattern.
 */
export interface StepBinary {
  name: string;
  where: 'helpers' | 'build';
  when?: Array<{ argument: string; pattern: string }>;
}

export interface LibraryStep {
  name: string;
  description: string;
  /** Helpers the step runs, in order. */
  helpers: HelperName[];
  /** The programs the step needs on its agent (the preflight checks them before any side effect). */
  binaries: StepBinary[];
  /** Jenkins plugins (short names) the step needs beyond Pipeline itself. */
  plugins: string[];
  /** held: runs on the agent the stage holds; borrows: may run where none is held and then takes one for its work (the `agent` argument). */
  agent: 'held' | 'borrows' | 'none';
  /**
   * Arguments a generated call may leave to the environment's facts (the Jenkinsfile's PW_ENVIRONMENT_FACTS, read by
   * pwInternal.environmentFacts), by the fact that holds each: argument -> fact. A call's own argument wins.
   */
  facts?: Record<string, string>;
  credentials: StepCredential[];
  arguments: StepArgument[];
  example: string;
}
