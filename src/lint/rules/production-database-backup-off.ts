// A production database is backed up before each deploy, so a failed migration can be restored.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'production-database-backup-off',
  description: "a production environment's database is backed up before each deploy",
  severity: 'warning',
  check(model, report) {
    for (const env of model.environments) {
      if (env.production && env.database && !env.database.backup) {
        report(
          ['environments', env.name, 'database', 'backup'],
          `the database of production environment "${env.name}" is not backed up before deploys; remove "backup: false" so a failed deploy can be restored`,
        );
      }
    }
  },
};
