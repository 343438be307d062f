// The pwPreflight call at the head of each stage group that takes an agent: every program the group's steps run, checked where it runs, before any side effect.
import type { Agent } from '../config/model.js';
import { uniq } from './context.js';
import { actionsIn } from './evaluate.js';
import type { Action, Stage, Value } from './types.js';

/** A program a library step runs, where, and when (every named argument matches its pattern): the registry's StepBinary. */
export interface StepProgram {
  name: string;
  where: 'helpers' | 'build';
  when?: Array<{ argument: string; pattern: string }>;
}

/** The programs a library step runs (none for a step the registry does not know). */
export type ProgramsOf = (step: string) => readonly StepProgram[] | undefined;

/** The programs the library steps among these actions run, by where they run (the registry's binaries, conditions applied). */
export function binariesOf(actions: Action[], programsOf: ProgramsOf): { helpers: string[]; build: string[] } {
  const out = { helpers: new Set<string>(), build: new Set<string>() };
  const visit = (list: Action[]): void => {
    for (const a of list) {
      if ('body' in a) visit(a.body);
      if (a.kind !== 'step') continue;
      for (const b of programsOf(a.step) ?? []) {
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
function preflightFor(agent: Agent, role: 'build' | 'deploy', group: Stage, programsOf: ProgramsOf): Action | null {
  const needed = binariesOf(actionsIn(group), programsOf);
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
export function withPreflights(agent: Agent, stages: Stage[], programsOf: ProgramsOf): Stage[] {
  const prepend = (group: Stage, role: 'build' | 'deploy', target: Stage): void => {
    const call = preflightFor(agent, role, group, programsOf);
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
    else if (stage.agent === 'none' && stage.children.length) withPreflights(agent, stage.children, programsOf);
  }
  return stages;
}
