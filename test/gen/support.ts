// Shared by the gen tests: which configs have golden Jenkinsfiles, and the checks every generated Jenkinsfile must pass.
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../support/cli.js';
import { loadFile } from '../../src/config/load.js';
import type { Model } from '../../src/config/model.js';
import { generateJenkinsfile } from '../../src/gen/jenkinsfile.js';
import { INTERNAL_VAR_BY_NAME, STEP_BY_NAME } from '../../src/gen/steps.js';
import type { ParsedFile } from '../support/groovy.js';
import type { Stage } from '../../src/flow/types.js';

export interface GoldenCase {
  name: string;
  config: string;
  golden: string;
}

/** Every example and every fixture under test/fixtures/gen, each with its Jenkinsfile beside it. */
export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const base of ['examples', 'test/fixtures/gen']) {
    const dir = join(ROOT, base);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const config = join(dir, name, 'pipeline.yaml');
      if (existsSync(config)) cases.push({ name: `${base}/${name}`, config, golden: join(dir, name, 'Jenkinsfile') });
    }
  }
  return cases;
}

export function loadModel(config: string): Model {
  const loaded = loadFile(config);
  if (!loaded.model)
    throw new Error(`${relative(ROOT, config)} does not load: ${loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`);
  return loaded.model;
}

/** What `pipewright gen` writes beside the config. */
export function generateBeside(model: Model): string {
  return generateJenkinsfile(model, { source: 'pipeline.yaml', command: 'pipewright gen' });
}

/**
 * Jenkins core, plugin and declarative names the generator may write besides the registry's steps.
 * Anything else (a typo, a step that exists nowhere) fails the check.
 */
export const JENKINS_NAMES = new Set([
  'pipeline',
  'agent',
  'label',
  'docker',
  'image',
  'args',
  'kubernetes',
  'inheritFrom',
  'namespace',
  'defaultContainer',
  'yaml',
  'yamlMergeStrategy',
  'merge',
  'container',
  'options',
  'timestamps',
  'buildDiscarder',
  'logRotator',
  'skipDefaultCheckout',
  'timeout',
  'triggers',
  'githubPush',
  'cron',
  'parameters',
  'choice',
  'string',
  'booleanParam',
  'environment',
  'stages',
  'stage',
  'steps',
  'when',
  'beforeAgent',
  'beforeInput',
  'beforeOptions',
  'allOf',
  'anyOf',
  'branch',
  'expression',
  'input',
  'message',
  'ok',
  'submitter',
  'submitterParameter',
  'post',
  'always',
  'success',
  'failure',
  'unstable',
  'aborted',
  'unsuccessful',
  'lock',
  'milestone',
  'preserveStashes',
  'not',
  'error',
  'echo',
  'sh',
  'junit',
  'archiveArtifacts',
  'withEnv',
  'withSonarQubeEnv',
  'waitForQualityGate',
  'Library',
]);

/** The environment facts a parsed Jenkinsfile holds (its PW_ENVIRONMENT_FACTS literal), or null. */
export function parsedFacts(parsed: ParsedFile): { shared: Record<string, unknown>; environments: Record<string, Record<string, unknown>> } | null {
  for (const s of parsed.strings) {
    if (!s.startsWith('{') || !s.includes('"environments"')) continue;
    try {
      const facts = JSON.parse(s);
      if (facts && typeof facts === 'object' && facts.shared && facts.environments) return facts;
    } catch {
      // not the facts
    }
  }
  return null;
}

function factsHold(parsed: ParsedFile, fact: string): boolean {
  const facts = parsedFacts(parsed);
  return facts !== null && (fact in facts.shared || Object.values(facts.environments).some((own) => fact in own));
}

/** Problems with the calls of one parsed Jenkinsfile: an internal var used, unknown steps, unknown or missing arguments. */
export function registryProblems(parsed: ParsedFile): string[] {
  const problems: string[] = [];
  for (const call of parsed.calls) {
    const where = `${parsed.file}:${call.line}`;
    // An internal var is the steps' own code: a Jenkinsfile neither calls it nor calls its functions.
    const internal = [call.name, call.receiver].find((n) => n && INTERNAL_VAR_BY_NAME.has(n));
    if (internal) {
      problems.push(`${where}: uses the internal var "${internal}", which only the library's steps call`);
      continue;
    }
    const step = STEP_BY_NAME.get(call.name);
    if (!step) {
      if (!JENKINS_NAMES.has(call.name)) problems.push(`${where}: calls "${call.name}", neither a registry step nor a known Jenkins step`);
      continue;
    }
    if (call.positional.length) problems.push(`${where}: ${call.name} takes named arguments only`);
    for (const key of call.keys) {
      if (!step.arguments.some((a) => a.name === key)) problems.push(`${where}: ${call.name} has no argument "${key}"`);
    }
    for (const a of step.arguments) {
      if (!a.required || call.keys.includes(a.name)) continue;
      // Left to the facts: the step reads it from PW_ENVIRONMENT_FACTS, which must hold that fact (an environment's
      // own only for a call that names its environment; a call about none reads the shared facts).
      const fact = step.facts?.[a.name];
      if (fact !== undefined && (call.keys.includes('environment') ? factsHold(parsed, fact) : fact in (parsedFacts(parsed)?.shared ?? {}))) continue;
      problems.push(`${where}: ${call.name} misses required "${a.name}"`);
    }
  }
  return problems;
}

/** The stage with this id, at any depth of the flow. */
export function findStage(stages: Stage[], id: string): Stage | undefined {
  for (const s of stages) {
    if (s.id === id) return s;
    const inner = findStage(s.children, id);
    if (inner) return inner;
  }
  return undefined;
}
