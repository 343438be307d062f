// The gen fast path reads exactly what yargs reads from the same command line, and hands anything else to yargs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import yargs from 'yargs';
import { fastGenArgs, parseSimple } from '../../src/cli/fast-path.js';
import { command } from '../../src/cli/gen.js';

/** What the gen handler would receive from yargs for `gen ...args`, through the real command definition. */
async function viaYargs(args: string[]): Promise<Record<string, unknown>> {
  let received: Record<string, unknown> = {};
  await yargs(['gen', ...args])
    .strict()
    .exitProcess(false)
    .option('debug', { type: 'boolean', global: true })
    .command({ ...command, handler: (argv) => void (received = argv as Record<string, unknown>) })
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseAsync();
  return { paths: received.paths ?? [], check: received.check, stdout: received.stdout, force: received.force, out: received.out, jobs: received.jobs };
}

const SAME = [
  [],
  ['svc/pipeline.yaml'],
  ['services/', 'more/', '--check'],
  ['--stdout', 'examples/python-service/pipeline.yaml'],
  ['pipeline.yaml', '--out', 'ci/Jenkinsfile', '--force'],
  ['--out=ci/Jenkinsfile', 'pipeline.yaml'],
  ['a', '--out=-x'],
  ['services/', '--jobs', '2'],
  ['--jobs=1', '--check', 'a'],
];

for (const args of SAME) {
  test(`gen ${args.join(' ') || '(no arguments)'}: the fast path reads what yargs reads`, async () => {
    const fast = fastGenArgs(args);
    assert.ok(fast, 'the fast path should take this command line');
    const { paths, check, stdout, force, out, jobs } = fast!;
    assert.equal({ paths, check, stdout, force, out, jobs }, await viaYargs(args));
  });
}

test('help, version, --debug, unknown, negated, repeated and valueless flags, "--" and "-", go to yargs', () => {
  for (const args of [
    ['--debug', '--check', 'a'],
    ['a', '--', '--b'],
    ['-'],
    ['--help'],
    ['-h'],
    ['--version'],
    ['--chek'],
    ['--no-check'],
    ['--check', '--check'],
    ['--check=true'],
    ['--out'],
    ['--out', '-x'],
    ['--out', 'a', '--out', 'b'],
    ['--jobs'],
    ['--jobs', '-1'],
    ['--jobs', '1', '--jobs', '2'],
  ]) {
    assert.is(fastGenArgs(args), undefined, args.join(' '));
  }
});

test('parseSimple keeps paths, flags and values apart', () => {
  assert.equal(parseSimple(['a', '--out', 'x', '--check', 'b'], ['check'], ['out']), {
    paths: ['a', 'b'],
    booleans: new Set(['check']),
    values: new Map([['out', 'x']]),
  });
});

test.run();
