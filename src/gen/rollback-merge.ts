// The manual rollback's per-environment stages written once: environments whose rollback runs the same steps (their own values held by the environment facts) share one stage that reads the environment from the build parameter.
import { toSeconds, type Duration, type DurationUnit } from '../core/durations.js';
import { groovyString } from '../groovy/quote.js';
import { condition, expr, ROLLBACK_PARAM, type Action, type Flow, type Stage, type Value } from '../flow/types.js';
import { NO_MERGE, type RollbackMerge } from '../flow/stage-names.js';
import { STAGE_NAME } from '../flow/names.js';
import { factorEnvironmentFacts } from './facts.js';
import { groovyValue } from './groovy-value.js';

const CHOSEN = `params.${ROLLBACK_PARAM}`;
/** Stand-ins for what differs between two environments' alike rollbacks; NUL never occurs in a config's text. */
const ENV = '\u0000environment';
const REASON = '\u0000reason';
const TIME = '\u0000timeout';

/** The manual rollback's reason for an environment (rollback-stages.ts writes it so). */
const reasonOf = (env: string): string => `manual rollback of ${env}`;

interface Shape {
  /** The stage with the environment's own values replaced by stand-ins, as JSON: alike stages have equal keys. */
  key: string;
  /** The stage's timeouts in order, which may differ between alike stages (the Jenkinsfile looks each up). */
  timeouts: Duration[];
}

/** The stage with what is the environment's own (its name, the reason naming it, the lock, the timeouts) replaced by stand-ins. */
function shapeOf(stage: Stage, env: string): Shape {
  const timeouts: Duration[] = [];
  const value = (v: Value): Value => (v === env ? ENV : v === reasonOf(env) ? REASON : v);
  const actions = (list: Action[]): Action[] =>
    list.map((a): Action => {
      if (a.kind === 'step' || a.kind === 'jenkins') return { ...a, args: Object.fromEntries(Object.entries(a.args).map(([k, v]) => [k, value(v)])) };
      if (a.kind === 'timeout') {
        timeouts.push(a.duration);
        return { ...a, duration: { time: 0, unit: 'SECONDS' }, body: actions(a.body), byEnvironment: expr(TIME) };
      }
      return 'body' in a ? { ...a, body: actions(a.body) } : a;
    });
  const lock = typeof stage.lock === 'string' && stage.lock.endsWith(`/${env}`) ? `${stage.lock.slice(0, -env.length)}${ENV}` : stage.lock;
  const { agent, timeout, input, post, children } = stage;
  const key = JSON.stringify({ agent, timeout, input, post, children, lock, actions: actions(stage.actions) });
  return { key, timeouts };
}

/** The manual rollback's group of environments' paths, when the flow has one. */
function rollbackGroup(stages: Stage[]): Stage | null {
  return stages.find((s) => s.id === 'manual-rollback')?.children.find((c) => c.id === 'roll-back') ?? null;
}

/**
 * The environments mergeManualRollbacks writes once, by their names: each set of two or more alike one-stage rollback
 * paths, or (every) the one set that is the whole group.
 */
function mergeSets(flow: Flow, group: Stage): RollbackMerge {
  const pathLength = (env: string | null): number => group.children.filter((c) => c.environment === env).length;
  const candidates = group.children.filter((c) => c.kind === 'rollback' && c.environment && pathLength(c.environment) === 1);
  // One lone stage has nothing to be alike with: it is written once only when it is the whole group. Comparing needs
  // the facts of every call (factorEnvironmentFacts over the flow), so it is skipped here.
  if (candidates.length < 2) {
    const every = candidates.length === 1 && group.children.length === 1;
    return { sets: every ? [[candidates[0]!.environment!]] : [], every };
  }
  const factored = new Map(rollbackGroup(factorEnvironmentFacts(flow).stages)!.children.map((s) => [s.id, s]));
  const sets = new Map<string, string[]>();
  for (const stage of candidates) {
    const key = shapeOf(factored.get(stage.id)!, stage.environment!).key;
    sets.set(key, [...(sets.get(key) ?? []), stage.environment!]);
  }
  // One set holding every stage of the group (one environment's lone stage included) takes the group's place.
  const every = sets.size === 1 && [...sets.values()][0]!.length === group.children.length;
  return { sets: [...sets.values()].filter((set) => set.length > 1 || every), every };
}

/** How mergeManualRollbacks writes a flow's manual rollback (built without it): what stageNames needs for the names it gives. */
export function rollbackMerge(flow: Flow): RollbackMerge {
  const group = rollbackGroup(flow.stages);
  return group ? mergeSets(flow, group) : NO_MERGE;
}

/**
 * Environments whose rollback path is one stage and alike after the facts take their own values out: each set of two
 * or more becomes one stage whose variants are the environments' stages. When every environment's rollback is alike
 * (or there is one environment, with one stage), that stage takes the group's place (name, agent) and needs no
 * condition: "Check rollback target" has refused any other choice, and Declarative skips every stage after a failed one.
 * Plan reads the variants, so a run's stages stay those the Jenkinsfile executes.
 */
export function mergeManualRollbacks(flow: Flow): Flow {
  const group = rollbackGroup(flow.stages);
  if (!group) return flow;
  const { sets, every } = mergeSets(flow, group);
  if (!sets.length) return flow;
  const merged = sets.map((set) => set.map((env) => group.children.find((c) => c.kind === 'rollback' && c.environment === env)!));
  const children: Stage[] = [];
  for (const stage of group.children) {
    const set = merged.find((m) => m.includes(stage));
    if (!set) children.push(stage);
    else if (set.length === 1) children.push({ ...stage, name: group.name, when: null, agent: group.agent });
    else if (set[0] === stage) {
      const envs = set.map((s) => s.environment!);
      const name = every ? group.name : STAGE_NAME.rollBackEnvironments(envs);
      const agent = every ? group.agent : stage.agent;
      const lock = typeof stage.lock === 'string' ? expr(`${groovyString(stage.lock.slice(0, -stage.environment!.length))} + ${CHOSEN}`) : stage.lock;
      children.push({
        ...stage,
        id: every ? group.id : `rollback:${envs.join(',')}`,
        name,
        environment: null,
        when: every ? null : condition({ rollbackIn: envs }),
        agent,
        lock,
        actions: [],
        variants: set.map((s) => ({ ...s, name, when: null, agent })),
      });
    }
  }
  const manual = flow.stages.find((s) => s.id === 'manual-rollback')!;
  const replaced: Stage = every ? children[0]! : { ...group, children };
  return { ...flow, stages: flow.stages.map((s) => (s === manual ? { ...manual, children: manual.children.map((c) => (c === group ? replaced : c)) } : s)) };
}

/** The smallest of Jenkins' units that states every duration whole. */
function commonUnit(durations: Duration[]): DurationUnit {
  if (durations.every((d) => toSeconds(d) % 3600 === 0)) return 'HOURS';
  return durations.every((d) => toSeconds(d) % 60 === 0) ? 'MINUTES' : 'SECONDS';
}

const UNIT_SECONDS: Record<DurationUnit, number> = { SECONDS: 1, MINUTES: 60, HOURS: 3600 };

/**
 * A merged stage's steps for the Jenkinsfile, from its variants with the facts taken out (`factored`, in the variants'
 * order): the environment read from the build parameter, and a timeout that differs between the environments looked up
 * by it. Throws when the variants are not alike after all (mergeManualRollbacks factors the facts the same way).
 */
export function mergedActions(factored: Stage[]): Action[] {
  const shapes = factored.map((v) => shapeOf(v, v.environment!));
  if (shapes.some((s) => s.key !== shapes[0]!.key))
    throw new Error(`the manual rollback of ${factored.map((v) => v.environment).join(', ')} is written once but its stages differ`);
  let t = 0;
  const value = (v: Value, env: string): Value => (v === env ? expr(CHOSEN) : v === reasonOf(env) ? expr(`${groovyString(reasonOf(''))} + ${CHOSEN}`) : v);
  const env = factored[0]!.environment!;
  const actions = (list: Action[]): Action[] =>
    list.map((a): Action => {
      if (a.kind === 'step' || a.kind === 'jenkins') return { ...a, args: Object.fromEntries(Object.entries(a.args).map(([k, v]) => [k, value(v, env)])) };
      if (a.kind !== 'timeout') return 'body' in a ? { ...a, body: actions(a.body) } : a;
      const i = t++;
      const durations = shapes.map((s) => s.timeouts[i]!);
      if (durations.every((d) => toSeconds(d) === toSeconds(durations[0]!))) return { ...a, body: actions(a.body) };
      const unit = commonUnit(durations);
      const table = Object.fromEntries(factored.map((v, j) => [v.environment!, toSeconds(durations[j]!) / UNIT_SECONDS[unit]]));
      return { ...a, body: actions(a.body), byEnvironment: expr(`time: ${groovyValue(table)}[${CHOSEN}], unit: '${unit}'`) };
    });
  return actions(factored[0]!.actions);
}
