// The environment facts: arguments the deploy, sync, health and rollback calls of an environment share, taken out of the Jenkinsfile's calls into one entry.
import { STEP_BY_NAME } from './steps.js';
import { isExpr, type Action, type Flow, type Stage, type Value } from '../flow/types.js';

/** The pipeline environment entry holding the facts; pwInternal.environmentFacts reads it. */
export const FACTS_VARIABLE = 'PW_ENVIRONMENT_FACTS';

/** Facts every environment shares (from pipeline.yaml's top-level sections), and each environment's own. */
export interface EnvironmentFacts {
  shared: Record<string, Value>;
  environments: Record<string, Record<string, Value>>;
}

/** Facts that come from pipeline.yaml's top level, the same for every environment (credential IDs too): written once for all of them. */
export const SHARED_FACTS = new Set([
  'app',
  'image',
  'builder',
  'tag',
  'repo',
  'branch',
  'method',
  'argocdServer',
  'gitCredentials',
  'argocdCredentials',
  'slackCredentials',
  // Where a step of an agent-less stage runs its helper (step-arguments.ts' AGENT_FACT): one for the whole pipeline.
  'agent',
]);

/**
 * True for a string json-lib would not read back as the same string: readJSON (Pipeline Utility Steps'
 * ReadJSONStepExecution, through json-lib's JSONSerializer) turns a string value that JSONUtils.mayBeJSON accepts
 * ("null", "[…]", "{…}") into JSON, and a "function(…){…}" header into a JSONFunction. Such a value stays in the call.
 */
function jsonLibRereads(value: Value): boolean {
  if (typeof value === 'string')
    return value === 'null' || (value.startsWith('[') && value.endsWith(']')) || (value.startsWith('{') && value.endsWith('}')) || /^\s*function\b/.test(value);
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
  // The flow keeps every argument (plan reads them); the Jenkinsfile gets a copy without those the facts hold. The copy
  // is made in the one walk that factors, fresh down to every step call it changes; values are shared, as nothing
  // writes to them. (A structuredClone of the whole flow, then a second walk, was an eighth of gen's CPU over a fleet:
  // this runs three times a config, for lint's flow, gen's flow and the render.)
  // The pipeline's own post keeps its arguments: Declarative runs it outside the pipeline's environment when the
  // build fails before its stages (ModelInterpreter.call's finally calls executePostBuild), where no facts are set.
  const facts: EnvironmentFacts = { shared: {}, environments: {} };
  let used = false;
  // Equal values are mostly the same string, compared as such; only lists and maps are compared as JSON.
  const same = (a: Value, b: Value): boolean =>
    a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
  const factor = (action: Extract<Action, { kind: 'step' }>): Action => {
    const map = STEP_BY_NAME.get(action.step)?.facts;
    const environment = action.args.environment;
    // A call about no environment (the build's own notifications) reads the shared facts only; one whose environment
    // is an expression (the manual rollback's parameter) keeps its arguments.
    if (!map || (environment !== undefined && typeof environment !== 'string')) return action;
    const own = typeof environment === 'string' ? (facts.environments[environment] ??= {}) : null;
    const args: Record<string, Value> = {};
    for (const [name, value] of Object.entries(action.args)) {
      const fact = map[name];
      if (fact === undefined || jsonLibRereads(value) || (own === null && !SHARED_FACTS.has(fact))) {
        args[name] = value;
        continue;
      }
      const home = SHARED_FACTS.has(fact) ? facts.shared : own!;
      if (!(fact in home)) home[fact] = value;
      if (same(home[fact]!, value)) used = true;
      else args[name] = value;
    }
    return { ...action, args };
  };
  const actions = (list: Action[]): Action[] => list.map((a) => ('body' in a ? { ...a, body: actions(a.body) } : a.kind === 'step' ? factor(a) : a));
  // In the order the calls run: a stage's steps, its post steps, its children, then (a stage written once for several
  // environments) each environment's own stage, which names its facts.
  const walk = (list: Stage[]): Stage[] =>
    list.map((s) => ({
      ...s,
      actions: actions(s.actions),
      post: s.post.map((p) => ({ ...p, actions: actions(p.actions) })),
      children: walk(s.children),
      ...(s.variants ? { variants: walk(s.variants) } : {}),
    }));
  const stages = walk(flow.stages);
  return used ? { stages, facts } : { stages: flow.stages, facts: null };
}
