// Paths the build reads (test and coverage reports, Dockerfile, build context) stay inside the workspace.
import type { Rule } from '../rule.js';
import { pathEscape } from '../support/paths.js';

export const rule: Rule = {
  id: 'workspace-path-unsafe',
  description: 'report, Dockerfile and build context paths are relative and stay inside the workspace',
  severity: 'error',
  check(model, report) {
    const paths: Array<[string[], string | null]> = [
      [['build', 'reports', 'junit'], model.build.junit],
      [['build', 'reports', 'coverage'], model.build.coverage],
      [['image', 'dockerfile'], model.image?.dockerfile ?? null],
      [['image', 'context'], model.image?.context ?? null],
    ];
    for (const [path, value] of paths) {
      const why = value === null ? null : pathEscape(value);
      if (why) report(path, `"${path.join('.')}" ${why}; write it relative to the repository root, inside the workspace`);
    }
  },
};
