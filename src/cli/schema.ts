// `pipewright schema`: print the pipeline.yaml JSON Schema (for editors and other validators).
import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { packagePath } from '../paths.js';

export const command: CommandModule<object, { org?: boolean }> = {
  command: 'schema',
  describe: 'print the pipeline.yaml JSON Schema',
  builder: (y) => y.example('pipewright schema > .vscode/pipeline.schema.json', 'save the schema for an editor without network access'),
  handler: () => {
    process.stdout.write(readFileSync(packagePath('schemas', 'pipeline.schema.json'), 'utf8'));
  },
};
