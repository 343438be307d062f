// Renders a Model into its declarative Jenkinsfile: the flow from flow.ts through templates/Jenkinsfile.hbs.
import type { Agent, Model } from '../config/model.js';
import { groovyString, yamlString } from '../groovy/quote.js';
import { isMarked, slashesMarker } from '../generated/marker.js';
import { buildFlow, factorEnvironmentFacts, FACTS_VARIABLE, sonarContainer, SONAR_SCANNER_IMAGE, NO_ROLLBACK, ROLLBACK_PARAM, type Action, type Binding, type Condition, type Duration, type EnvironmentFacts, type Flow, type Value } from './flow.js';
import { groovyValue, holdLiteral, registerHelpers, renderTemplate } from './render.js';
import { STEP_BY_NAME } from './steps.js';

export interface JenkinsfileSource {
  /** The config's path as the marker names it (relative to the Jenkinsfile's folder). */
  source: string;
  /** The command that regenerates the file, run in the Jenkinsfile's folder. */
  command: string;
}

/** True when the text starts with pipewright's marker line (a generated file, safe to overwrite). */
export function hasMarker(text: string): boolean {
  return isMarked('slashes', text);
}

/** The first line: a comment naming the config; throws UnsafeGroovyText when the path cannot be written in one. */
export function markerLine(source: JenkinsfileSource): string {
  return slashesMarker({ detail: ` from ${source.source}`, instruction: `change ${source.source} and run "${source.command}" in this folder` });
}

/** A library step call, checked against the registry: unknown steps and arguments, and missing required ones, are bugs. */
export function renderStepCall(step: string, args: Record<string, Value>): string {
  const entry = STEP_BY_NAME.get(step);
  if (!entry) throw new Error(`the generator calls "${step}", which the step registry does not have`);
  for (const name of Object.keys(args)) {
    if (!entry.arguments.some((a) => a.name === name)) throw new Error(`the generator passes "${name}" to ${step}, which the registry does not list`);
  }
  for (const a of entry.arguments) {
    // An argument the environment's facts hold may be left out (flow.ts' factorEnvironmentFacts put it there).
    const fromFacts = entry.facts?.[a.name] !== undefined && typeof args.environment === 'string';
    if (a.required && !(a.name in args) && !fromFacts) throw new Error(`the generator leaves out ${step}'s required argument "${a.name}"`);
  }
  const list = Object.entries(args).map(([k, v]) => `${k}: ${groovyValue(v)}`);
  return holdLiteral(`${step}(${list.join(', ')})`);
}

function renderJenkinsCall(step: string, args: Record<string, Value>): string {
  return holdLiteral(`${step}(${Object.entries(args).map(([k, v]) => `${k}: ${groovyValue(v)}`).join(', ')})`);
}

function renderBindings(bindings: Binding[]): string {
  const one = (b: Binding): string =>
    `${b.kind}(${[`credentialsId: ${groovyString(b.credentialsId)}`, ...Object.entries(b.variables).map(([k, v]) => `${k}: ${groovyString(v)}`)].join(', ')})`;
  return `[${bindings.map(one).join(', ')}]`;
}

function renderDuration(d: Duration): string {
  return `time: ${d.time}, unit: ${groovyString(d.unit)}`;
}

function conditionCount(c: Condition): boolean {
  return [c.branches !== null, c.rollback !== null, c.param !== null, c.anyOf !== null, c.not !== null].filter(Boolean).length > 1;
}

let helpersRegistered = false;
function ensureHelpers(): void {
  if (helpersRegistered) return;
  registerHelpers({
    call: (action: Extract<Action, { kind: 'step' }>) => renderStepCall(action.step, action.args),
    jenkinsCall: (action: Extract<Action, { kind: 'jenkins' }>) => renderJenkinsCall(action.step, action.args),
    bindings: renderBindings,
    envList: (variables: Array<{ name: string; value: string }>) => holdLiteral(groovyValue(variables.map((v) => `${v.name}=${v.value}`))),
    duration: renderDuration,
    conditionCount,
    hasAgent: (agent: string) => agent === 'build' || agent === 'deploy',
  });
  helpersRegistered = true;
}

const KANIKO_IMAGE = 'gcr.io/kaniko-project/executor:v1.23.2-debug';

/** The pod of a Kubernetes agent: the build container, `node` for the helpers, and for builds kaniko and trivy when used. */
export function podYaml(model: Model, agent: Extract<Agent, { kind: 'kubernetes' }>, forBuild: boolean): string {
  const containers: Array<[string, string]> = [
    ['build', agent.image],
    ['node', agent.nodeImage],
  ];
  if (forBuild && model.image?.builder === 'kaniko') containers.push(['kaniko', KANIKO_IMAGE]);
  if (forBuild && model.image && model.security.trivy.enabled) containers.push(['trivy', model.security.trivy.image]);
  if (forBuild && sonarContainer(model)) containers.push(['sonar', SONAR_SCANNER_IMAGE]);
  const lines = ['apiVersion: v1', 'kind: Pod', 'spec:'];
  if (agent.serviceAccount) lines.push(`  serviceAccountName: ${yamlString(agent.serviceAccount)}`);
  // One uid for every container, the jnlp agent's included: git refuses a checkout owned by another user ("dubious
  // ownership"), and kaniko and the language images' package installs need root.
  lines.push('  securityContext:', '    runAsUser: 0');
  lines.push('  containers:');
  for (const [name, image] of containers) {
    // cat with a tty keeps each container idle until a step runs in it (the Kubernetes plugin's own pattern).
    lines.push(`    - name: ${name}`, `      image: ${yamlString(image)}`, '      command: ["cat"]', '      tty: true');
  }
  return `${lines.join('\n')}\n`;
}

function agentView(model: Model, forBuild: boolean): Record<string, unknown> {
  const a = model.agent;
  const base = { kind: a.kind, label: null, image: null, args: null, inheritFrom: null, namespace: null, podYaml: null };
  switch (a.kind) {
    case 'label':
      return { ...base, label: a.label };
    case 'docker':
      // Deploy stages run only helpers: they take the helper image, which has node and git.
      return { ...base, image: forBuild ? a.image : a.nodeImage, args: forBuild ? a.args : null };
    case 'kubernetes':
      return { ...base, inheritFrom: a.inheritFrom, namespace: a.namespace, podYaml: podYaml(model, a, forBuild) };
  }
}

/**
 * The facts as the Jenkinsfile holds them: JSON, one fact a line, indented under the environment block (JSON allows the
 * whitespace), so that a change to one value in pipeline.yaml is a change to one line.
 */
export function factsText(facts: EnvironmentFacts | null): string | null {
  if (!facts) return null;
  return JSON.stringify(facts, null, 2).split('\n').map((line, i) => (i === 0 ? line : `    ${line}`)).join('\n');
}

/** Generates the Jenkinsfile text for a model from its flow. */
export function generateJenkinsfile(model: Model, source: JenkinsfileSource): string {
  return renderFlow(buildFlow(model), model, source);
}

export function renderFlow(flow: Flow, model: Model, source: JenkinsfileSource): string {
  ensureHelpers();
  const { stages, facts } = factorEnvironmentFacts(flow);
  const text = renderTemplate('Jenkinsfile', {
    ...flow,
    stages,
    marker: markerLine(source),
    keepBuilds: String(flow.keepBuilds),
    hasTriggers: flow.triggers.githubPush || flow.triggers.cron !== null,
    buildAgent: agentView(model, true),
    deployAgent: agentView(model, false),
    factsName: FACTS_VARIABLE,
    factsText: factsText(facts),
    rollbackParam: ROLLBACK_PARAM,
    noRollback: NO_ROLLBACK,
  });
  return `${text.replace(/\n+$/, '')}\n`;
}
