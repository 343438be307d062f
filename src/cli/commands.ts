// The command table: name, one-line description, and a lazy loader, so `pipewright lint` loads only lint's code.
import type { Argv, CommandModule } from 'yargs';

export interface CommandEntry {
  describe: string;
  /** Loads the command's module and registers it on the parser (each command keeps its own argument type). */
  register: (cli: Argv) => Promise<void>;
}

/** A lazily imported command module, registered with its own argument type. */
function lazy<U>(load: () => Promise<{ command: CommandModule<object, U> }>): CommandEntry['register'] {
  return async (cli) => {
    cli.command((await load()).command);
  };
}

export const commands: Record<string, CommandEntry> = {
  lint: { describe: 'lint pipeline.yaml files', register: lazy(() => import('./lint.js')) },
  gen: { describe: 'lint, then write the Jenkinsfile beside each pipeline.yaml', register: lazy(() => import('./gen.js')) },
  plan: { describe: 'show per branch the stages, gates, credentials, images and environments', register: lazy(() => import('./plan.js')) },
  schema: { describe: 'print the pipeline.yaml JSON Schema', register: lazy(() => import('./schema.js')) },
  init: { describe: 'write a starter pipeline.yaml from what the repository contains', register: lazy(() => import('./init.js')) },
  helper: { describe: 'run a runtime helper locally, as Jenkins runs it', register: lazy(() => import('./helper.js')) },
  report: { describe: 'pipeline metrics from recorded build records', register: lazy(() => import('./report.js')) },
  lib: { describe: 'write the Jenkins shared library (vars/ and resources/)', register: lazy(() => import('./lib.js')) },
};
