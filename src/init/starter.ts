// Makes the starter pipeline.yaml: inspect the repository, settle the choices, render, and lint the text before anyone sees it.
import { loadText } from '../config/load.js';
import { lintLoaded } from '../lint/runner.js';
import { inspectRepository, type Findings } from './inspect.js';
import { makeChoices, type ChoiceOptions } from './choices.js';
import { renderStarter, type Choices } from './render.js';

export interface Starter {
  text: string;
  findings: Findings;
  choices: Choices;
}

export async function makeStarter(dir: string, options: ChoiceOptions): Promise<Starter> {
  const findings = await inspectRepository(dir);
  const choices = await makeChoices(findings, options);
  const text = renderStarter(findings, choices);
  // replicas-below-seed is expected: init writes the replicas the manifests run, and lint says they are under the seed's table.
  const diagnostics = lintLoaded(loadText(text, 'pipeline.yaml')).diagnostics.filter((d) => !(d.ruleId === 'replicas-below-seed' && d.severity === 'warning'));
  if (diagnostics.length > 0) {
    // init's own output must lint clean: anything else is a bug in pipewright, never the user's input.
    const list = diagnostics.map((d) => `${d.line}:${d.column}: ${d.severity} ${d.message} [${d.ruleId}]`).join('; ');
    throw new Error(`the pipeline.yaml init wrote does not lint clean (${list})`);
  }
  return { text, findings, choices };
}
