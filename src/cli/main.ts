// The CLI proper (dist/cli.mjs, which src/cli/bin.ts imports): picks the command, loads only its module, maps errors to exit codes.
import { commands } from './commands.js';
import { ExitError, UsageError } from '../core/errors.js';
import { VERSION } from '../version.js';
import { fastCommand } from './fast-path.js';
import { exitCodeFor } from './exit.js';

/** The arguments that take many values: the positionals of lint, gen, plan and helper. */
const REPEATABLE = new Set(['paths', 'args']);

async function main(argv: string[]): Promise<number> {
  // A completion request lists the words typed so far after the script's name: complete the command they name.
  const completing = argv.indexOf('--get-yargs-completions');
  const words = completing >= 0 ? argv.slice(completing + 2) : argv;
  const name = words.find((a) => !a.startsWith('-'));
  // `gen` over a fleet or one config (CI, pre-commit) and `lint FILE` (editors, pre-commit) are the hot paths: a simple
  // command line runs before yargs is even loaded. src/cli/bin.ts runs it from the code-cached CommonJS bundle; here
  // (from source, or with PIPEWRIGHT_CODE_CACHE=0) it runs from the ES modules.
  const command = fastCommand(argv);
  if (command) {
    const fast = await (command === 'gen' ? import('./fast-gen.js') : import('./fast-lint.js'));
    const code = fast.run(argv.slice(1));
    if (code !== undefined) return await code;
  }
  // `helper NAME ...` passes every argument through to the helper, its --help included.
  if (argv[0] === 'helper' && argv[1] !== undefined && !argv[1].startsWith('-')) {
    return (await import('./helper.js')).runHelperCommand(argv[1], argv.slice(2));
  }
  const { default: yargs } = await import('yargs');
  const cli = yargs(argv)
    .scriptName('pipewright')
    .version(VERSION)
    .strict()
    .help()
    .alias('h', 'help')
    .completion('completion', 'print a bash or zsh completion script (add it to ~/.bashrc or ~/.zshrc)')
    .option('debug', { type: 'boolean', describe: 'print the stack of an internal error', global: true })
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new ExitError(`${message}\nRun "pipewright --help" for usage.`, 2);
    })
    // yargs turns a repeated option into an array, which every command takes as one value: refuse it, as a usage error.
    .middleware((args) => {
      for (const [key, value] of Object.entries(args)) {
        // The positionals ("paths", "args") take many values; camelCase keys are yargs' copies of the dashed ones.
        if (Array.isArray(value) && key !== '_' && !REPEATABLE.has(key) && !/[A-Z]/.test(key)) {
          throw new UsageError(`--${key} is given ${value.length} times; give it once\nRun "pipewright --help" for usage.`);
        }
      }
    }, true);
  if (name && Object.hasOwn(commands, name)) {
    await commands[name]!.register(cli);
  } else {
    for (const [command, entry] of Object.entries(commands))
      cli.command(
        command,
        entry.describe,
        () => {},
        () => {},
      );
    cli.demandCommand(1, 'name a command').example('pipewright lint examples/', 'lint every pipeline.yaml under examples/');
  }
  let exitCode = 0;
  await cli.parseAsync(argv, {}, (error, _argv, output) => {
    if (output) (error ? process.stderr : process.stdout).write(output.endsWith('\n') ? output : `${output}\n`);
  });
  const code = process.exitCode;
  if (typeof code === 'number') exitCode = code;
  return exitCode;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.exitCode = exitCodeFor(error);
}
