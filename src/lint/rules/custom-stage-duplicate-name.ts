// Declarative pipelines reject two stages with one name, and the stage view would merge them.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'custom-stage-duplicate-name',
  description: 'custom stages have distinct names',
  severity: 'error',
  check(model, report) {
    const first = new Map<string, number>();
    model.custom.forEach((stage, i) => {
      const earlier = first.get(stage.name);
      if (earlier === undefined) first.set(stage.name, i);
      else report(['custom', i, 'name'], `custom stage "${stage.name}" has the same name as custom stage ${earlier + 1}; give it a distinct name`);
    });
  },
};
