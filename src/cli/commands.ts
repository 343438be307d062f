// The command table: name, one-line description, and a lazy loader, so `pipewright lint` loads only lint's code.
import type { CommandModule } from 'yargs';

export interface CommandEntry {
  describe: string;
  load: () => Promise<{ command: CommandModule<object, any> }>;
}

export const commands: Record<string, CommandEntry> = {
  lint: { describe: 'lint pipeline.yaml files', load: () => import('./lint.js') },
  gen: { describe: 'lint, then write the Jenkinsfile beside each pipeline.yaml', load: () => import('./gen.js') },
  plan: { describe: 'show per branch the stages, gates, credentials, images and environments', load: () => import('./plan.js') },
  schema: { describe: 'print the pipeline.yaml JSON Schema', load: () => import('./schema.js') },
  init: { describe: 'write a starter pipeline.yaml from what the repository contains', load: () => import('./init.js') },
  helper: { describe: 'run a runtime helper locally, as Jenkins runs it', load: () => import('./helper.js') },
  report: { describe: 'pipeline metrics from recorded build records', load: () => import('./report.js') },
  lib: { describe: 'write the Jenkins shared library (vars/ and resources/)', load: () => import('./lib.js') },
};
