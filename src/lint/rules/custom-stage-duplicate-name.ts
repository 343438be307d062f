// Declarative pipelines reject two stages with one name: checked on the flow gen renders, so lint refuses what gen would.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'custom-stage-duplicate-name',
  description: 'every stage of the generated Jenkinsfile has its own name (custom stages included)',
  severity: 'error',
  fixed: true,
  check(model, report, _raw, context) {
    const duplicates = context.duplicateStageNames();
    if (!duplicates.length) return;
    const first = new Map<string, number>();
    const reported = new Set<string>();
    model.custom.forEach((stage, i) => {
      if (!duplicates.includes(stage.name)) return;
      const earlier = first.get(stage.name);
      reported.add(stage.name);
      if (earlier === undefined) {
        first.set(stage.name, i);
        // The first custom stage with the name clashes only if a pipewright stage takes it too.
        if (model.custom.filter((c) => c.name === stage.name).length === 1) {
          report(['custom', i, 'name'], `the stage name "${stage.name}" is also a pipewright stage in the Jenkinsfile; give the custom stage another name`);
        }
      } else report(['custom', i, 'name'], `custom stage "${stage.name}" has the same name as custom stage ${earlier + 1}; give it a distinct name`);
    });
    // Not a custom stage's doing (a stage pipewright names twice): still an error, since gen cannot write the file.
    for (const name of duplicates.filter((n) => !reported.has(n)))
      report([], `the stage name "${name}" is used twice in the Jenkinsfile; please report this as a pipewright bug`);
  },
};
