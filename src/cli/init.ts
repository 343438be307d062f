// `pipewright init`: write a starter pipeline.yaml from what the repository contains (or print it with --stdout).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import type { Language } from '../config/model.js';
import { makeStarter } from '../init/starter.js';
import { REGISTRY_TYPES, type RegistryType } from '../init/render.js';
import { writeFileAtomic } from '../helpers/shared/atomic.js';
import { CONFIG_NAME } from './files.js';
import { ExitError, UsageError } from '../core/errors.js';

const LANGUAGES: readonly Language[] = ['python', 'node', 'go', 'maven', 'none'];

interface InitArgs {
  dir: string;
  force: boolean;
  stdout: boolean;
  language?: Language;
  registry?: RegistryType;
}

export const command: CommandModule<object, InitArgs> = {
  command: 'init',
  describe: 'write a starter pipeline.yaml from what the repository contains',
  builder: (y) =>
    y
      .option('dir', { type: 'string', default: '.', describe: 'the repository to inspect and write into' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite an existing pipeline.yaml' })
      .option('stdout', { type: 'boolean', default: false, describe: 'print the config instead of writing it' })
      .option('language', { type: 'string', choices: LANGUAGES, describe: 'the build preset (asked on a terminal when several are found)' })
      .option('registry', { type: 'string', choices: [...REGISTRY_TYPES], describe: 'the image registry type (asked on a terminal; default ecr)' })
      .example('pipewright init', 'inspect this repository and write ./pipeline.yaml')
      .example('pipewright init --dir services/orders --registry dockerhub --stdout', 'print the config for another folder'),
  handler: async (argv) => {
    let isDir = false;
    try {
      isDir = statSync(argv.dir).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) throw new UsageError(`cannot inspect "${argv.dir}": no such folder`);
    const target = join(argv.dir, CONFIG_NAME);
    if (!argv.stdout && !argv.force && existsSync(target)) {
      throw new ExitError(`${target} already exists; pipewright init does not overwrite it (use --force to replace it, or --stdout to print a new one)`, 1);
    }
    // Questions only on a terminal: in CI or a pipe, init takes its defaults and never waits for input.
    const terminal = process.stdin.isTTY ? { input: process.stdin, output: process.stderr } : null;
    const { text, findings, choices } = await makeStarter(argv.dir, { language: argv.language, registry: argv.registry, terminal });
    if (argv.stdout) {
      process.stdout.write(text);
      return;
    }
    writeFileAtomic(target, text);
    const todos = text.split('\n').filter((line) => line.includes('TODO:')).length;
    process.stdout.write(
      `wrote ${target} for "${findings.app}" (${choices.language}${findings.dockerfile ? `, ${choices.registry} registry` : ', no image'})\n` +
        `next: replace the ${todos} TODO placeholder${todos === 1 ? '' : 's'}, then run "pipewright lint" and "pipewright gen"\n`,
    );
  },
};
