// `pipewright helper <name> [args]`: run a bundled runtime helper locally, the same file Jenkins runs with `node`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { packagePath } from '../paths.js';
import { UsageError } from '../core/errors.js';

export function helperNames(): string[] {
  const dir = packagePath('dist', 'helpers');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.cjs'))
        .map((f) => f.slice(0, -4))
        .sort()
    : [];
}

export const command: CommandModule<object, { name: string; args?: string[] }> = {
  command: 'helper <name> [args..]',
  describe: 'run a runtime helper locally, exactly as the bundled file runs on Jenkins',
  builder: (y) =>
    y
      .strict(false)
      .parserConfiguration({ 'unknown-options-as-args': true })
      .positional('name', { type: 'string', describe: 'helper name', demandOption: true })
      .positional('args', { type: 'string', array: true, describe: 'arguments passed to the helper' })
      .example('pipewright helper gate-coverage --file reports/coverage.xml --min 80', 'apply the coverage gate locally'),
  handler: async (argv) => {
    process.exitCode = await runHelperCommand(argv.name, (argv.args ?? []).map(String));
  },
};

/**
 * Runs the bundled helper with the arguments exactly as given. main.ts calls this before yargs parses
 * anything, so the helper's own flags (--help included) reach it untouched.
 */
export async function runHelperCommand(name: string, args: string[]): Promise<number> {
  const names = helperNames();
  if (!names.includes(name)) throw new UsageError(`unknown helper "${name}"; available: ${names.join(', ') || '(none built)'}`);
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [packagePath('dist', 'helpers', `${name}.cjs`), ...args], { stdio: 'inherit' });
    child.on('close', (c, signal) => resolve(c ?? (signal ? 3 : 0)));
  });
}
