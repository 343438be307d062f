// Command lines simple enough to run without yargs, whose loading costs about a third of a cold `gen`: known flags and
// paths only. Anything else (help, an unknown or repeated flag, `--no-…`, `--flag=value` on a boolean) returns
// undefined, and the caller hands the whole command line to yargs, so both paths accept the same commands. So does
// `--` and a lone `-`: yargs keeps them out of the positionals. `--debug` too: the fast paths' bundles are minified,
// and a stack printed for --debug should name the real functions, which the unminified chunks keep.

export interface SimpleArgs {
  paths: string[];
  booleans: Set<string>;
  values: Map<string, string>;
}

/** Parses `[paths..]` with `--name` booleans and `--name VALUE` / `--name=VALUE` options. */
export function parseSimple(args: string[], booleans: readonly string[], valued: readonly string[]): SimpleArgs | undefined {
  const parsed: SimpleArgs = { paths: [], booleans: new Set(), values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return undefined;
    if (!arg.startsWith('-')) {
      parsed.paths.push(arg);
      continue;
    }
    const [, name, inline] = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg) ?? [];
    if (name !== undefined && inline === undefined && booleans.includes(name) && !parsed.booleans.has(name)) {
      parsed.booleans.add(name);
    } else if (name !== undefined && valued.includes(name) && !parsed.values.has(name)) {
      const value = inline ?? args[++i];
      // yargs reads `--out -x` as a flag after a valueless option: let it say so.
      if (value === undefined || (inline === undefined && value.startsWith('-'))) return undefined;
      parsed.values.set(name, value);
    } else return undefined;
  }
  return parsed;
}

/** `gen`'s arguments as its yargs handler receives them, or undefined when yargs must parse the line. */
export function fastGenArgs(args: string[]) {
  const parsed = parseSimple(args, ['check', 'stdout', 'force'], ['out', 'policy', 'jobs']);
  if (!parsed) return undefined;
  return {
    _: ['gen'],
    $0: 'pipewright',
    paths: parsed.paths,
    check: parsed.booleans.has('check'),
    stdout: parsed.booleans.has('stdout'),
    force: parsed.booleans.has('force'),
    out: parsed.values.get('out'),
    policy: parsed.values.get('policy'),
    jobs: parsed.values.get('jobs'),
  };
}

/**
 * Whether `lint ARGS` may take the fast path: flags `--format` and `--max-warnings` only. A cheap test
 * before the fast path's bundle is loaded; it accepts every line `fastLint` (src/cli/lint.ts) accepts, which then
 * checks the values and may still hand the line to yargs.
 */
export function lintLooksSimple(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return true;
    if (arg === '--format' || arg === '--max-warnings') i++;
    else if (arg.startsWith('-') && arg !== '-' && !/^--(format|max-warnings)=/s.test(arg)) return false;
  }
  return true;
}

/** The command a fast path may run `argv` (a whole command line) with: `lint` or `gen` with a simple line, else undefined. */
export function fastCommand(argv: string[]): 'lint' | 'gen' | undefined {
  const [command, ...args] = argv;
  if (command === 'gen') return fastGenArgs(args) !== undefined ? 'gen' : undefined;
  return command === 'lint' && lintLooksSimple(args) ? 'lint' : undefined;
}
