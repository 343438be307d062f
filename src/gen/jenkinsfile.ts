// Renders a Model into its declarative Jenkinsfile: the flow from src/flow/ through templates/Jenkinsfile.hbs.
import type { Agent, Model } from '../config/model.js';
import { yamlString } from '../groovy/quote.js';
import { isMarked, slashesMarker } from '../generated/marker.js';
import { sonarContainer, SONAR_SCANNER_IMAGE } from '../flow/build-stages.js';
import { NO_ROLLBACK, ROLLBACK_PARAM, type Flow, type Stage } from '../flow/types.js';
import { factorEnvironmentFacts, FACTS_VARIABLE, type EnvironmentFacts } from './facts.js';
import { buildFlow } from './flow.js';
import { renderJenkinsfileTemplate } from './render.js';
import { mergedActions } from './rollback-merge.js';

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
  lines.push('  securityContext: {runAsUser: 0}');
  lines.push('  containers:');
  for (const [name, image] of containers) {
    // cat with a tty keeps each container idle until a step runs in it (the Kubernetes plugin's own pattern). One
    // container a line (YAML flow mappings), so a changed image is a changed line.
    lines.push(`    - {name: ${name}, image: ${yamlString(image)}, command: ["cat"], tty: true}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The pipeline environment entries holding the Kubernetes pods, one per agent role: each pod is written once and every
 * stage agent reads it with `yaml env.<entry>`. Declarative evaluates a stage's agent block when the stage enters its
 * agent, inside the pipeline environment (pipeline-model-definition: RuntimeASTTransformer.transformAgent wraps the
 * block in a closure, ModelInterpreter.inDeclarativeAgent calls it; ModelParser.parseArgument accepts the expression),
 * and the Kubernetes plugin passes the value to podTemplate as written (KubernetesDeclarativeAgentScript.groovy).
 * `yamlFile` would need the pod file in the repository (readTrusted), which gen does not write.
 */
export const POD_VARIABLES = { build: 'PW_POD_BUILD', deploy: 'PW_POD_DEPLOY' } as const;

function agentView(model: Model, forBuild: boolean): Record<string, unknown> {
  const a = model.agent;
  const base = { kind: a.kind, label: null, image: null, args: null, inheritFrom: null, namespace: null, podVariable: null };
  switch (a.kind) {
    case 'label':
      return { ...base, label: a.label };
    case 'docker':
      // Deploy stages run only helpers: they take the helper image, which has node and git.
      return { ...base, image: forBuild ? a.image : a.nodeImage, args: forBuild ? a.args : null };
    case 'kubernetes':
      return { ...base, inheritFrom: a.inheritFrom, namespace: a.namespace, podVariable: forBuild ? POD_VARIABLES.build : POD_VARIABLES.deploy };
  }
}

/**
 * The facts as the Jenkinsfile holds them: JSON, the shared facts on one line and each environment's on one of its own,
 * indented under the environment block (JSON allows the whitespace), so that a change to one value in pipeline.yaml is a
 * change to one line, and the block stays a few lines however many facts there are.
 */
export function factsText(facts: EnvironmentFacts | null): string | null {
  if (!facts) return null;
  // One object a line: a changed value changes the line of its environment (or the shared line) and no other.
  const object = (o: Record<string, unknown>): string =>
    `{ ${Object.entries(o)
      .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(', ')} }`;
  const environments = Object.entries(facts.environments).map(
    ([name, own], i, all) => `        ${JSON.stringify(name)}: ${object(own)}${i < all.length - 1 ? ',' : ''}`,
  );
  return ['{', `      "shared": ${object(facts.shared)},`, '      "environments": {', ...environments, '      }', '    }'].join('\n');
}

/** Generates the Jenkinsfile text for a model from its flow. */
export function generateJenkinsfile(model: Model, source: JenkinsfileSource): string {
  return renderFlow(buildFlow(model), model, source);
}

/** The pods the stages' Kubernetes agents use, by environment entry, in the order build, deploy. */
function podEntries(flow: Flow, model: Model): Array<{ name: string; value: string }> {
  const a = model.agent;
  if (a.kind !== 'kubernetes') return [];
  const roles = new Set<Stage['agent']>();
  const visit = (stages: Stage[]): void => stages.forEach((s) => (roles.add(s.agent), visit(s.children)));
  visit(flow.stages);
  return (['build', 'deploy'] as const).filter((r) => roles.has(r)).map((r) => ({ name: POD_VARIABLES[r], value: podYaml(model, a, r === 'build') }));
}

/**
 * An environment deployed after an approval says so in its facts: Restart from Stage can restart its deploy stage and
 * skip the approval stage before it (pipeline-model-definition's RestartDeclarativePipelineAction offers every top-level
 * stage), so pwBumpManifest refuses such an environment in a restarted build that did not approve it again.
 */
function withApprovalFacts(facts: EnvironmentFacts | null, model: Model): EnvironmentFacts | null {
  const approved = model.environments.filter((e) => e.approval);
  if (!approved.length) return facts;
  const out = facts ?? { shared: {}, environments: {} };
  for (const e of approved) (out.environments[e.name] ??= {}).approval = true;
  return out;
}

/** The steps of each stage written once for several environments, from its variants as the facts left them. */
function withMergedActions(stages: Stage[]): Stage[] {
  return stages.map((s) => ({ ...s, ...(s.variants ? { actions: mergedActions(s.variants) } : {}), children: withMergedActions(s.children) }));
}

export function renderFlow(flow: Flow, model: Model, source: JenkinsfileSource): string {
  const { stages: withFacts, facts: factored } = factorEnvironmentFacts(flow);
  const stages = withMergedActions(withFacts);
  const facts = withApprovalFacts(factored, model);
  const text = renderJenkinsfileTemplate({
    ...flow,
    stages,
    marker: markerLine(source),
    keepBuilds: String(flow.keepBuilds),
    hasTriggers: flow.triggers.githubPush || flow.triggers.cron !== null,
    buildAgent: agentView(model, true),
    deployAgent: agentView(model, false),
    factsName: FACTS_VARIABLE,
    factsText: factsText(facts),
    pods: podEntries(flow, model),
    rollbackParam: ROLLBACK_PARAM,
    noRollback: NO_ROLLBACK,
  });
  // One newline at the end. (Not /\n+$/: a regex anchored at the end is tried at every newline of the 25 KB text.)
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return `${text.slice(0, end)}\n`;
}
