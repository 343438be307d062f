// Declarative helper options: each type's checks, defaults and empty values, deprecated aliases, the typed result, and what --help shows of choices and bounds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOptions, durationMs, type OptionSpecs, type ParsedOptions } from '../../src/helpers/shared/options.js';
import { HelperUsageError, helpText, parseRawArgs, runHelper, type HelperSpec } from '../../src/helpers/shared/cli.js';
import { optionsTable } from '../../src/helpers/shared/options-doc.js';
import { tempDir } from '../support/run-helper.js';
import { runBundle } from '../support/git-repo.js';

const options = {
  name: { type: 'string', required: true, description: 'a name' },
  mode: { type: 'string', choices: ['fast', 'slow'], default: 'fast', description: 'how' },
  status: { type: 'string', choices: ['SUCCESS', 'FAILURE'], ignoreCase: true, description: 'the result' },
  key: { type: 'string', check: { valid: /^[a-z]+$/, problem: 'is not a key' }, description: 'a key' },
  tag: { type: 'string', multiple: true, description: 'tags' },
  attempts: { type: 'integer', min: 1, max: 10, default: 4, description: 'attempts' },
  limit: { type: 'integer', min: 1, max: 100, description: 'a limit' },
  timeout: { type: 'duration', default: '30s', description: 'a gate' },
  'git-timeout': { type: 'duration', default: '120s', min: '100ms', max: '1h', description: 'a bounded duration' },
  server: { type: 'url', description: 'a server' },
  levels: { type: 'list', choices: ['HIGH', 'LOW'], ignoreCase: true, default: 'HIGH', description: 'levels' },
  people: { type: 'list', description: 'people' },
  checks: { type: 'json-file', parse: (json: unknown) => (json as { n: number }).n, description: 'a JSON file' },
  force: { type: 'boolean', description: 'force' },
} as const satisfies OptionSpecs;

const spec: HelperSpec<typeof options> = { name: 'probe', summary: 'A test helper.', options, run: async () => ({ ok: true, message: 'done' }) };

function parse(argv: string[]): ParsedOptions<typeof options> {
  return checkOptions(options, parseRawArgs(spec, argv));
}

function usage(argv: string[]): string {
  try {
    parse(argv);
  } catch (error) {
    if (error instanceof HelperUsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

test('defaults and absent options: typed values, undefined where nothing is given', () => {
  const o = parse(['--name', 'a']);
  // The assignments are the type test: they stop compiling if the spec's types stop reaching the result.
  const mode: 'fast' | 'slow' = o.mode;
  const attempts: number = o.attempts;
  const levels: Array<'HIGH' | 'LOW'> = o.levels;
  const checks: number | undefined = o.checks;
  const tags: string[] = o.tag;
  assert.equal({ mode, attempts, levels, checks, tags }, { mode: 'fast', attempts: 4, levels: ['HIGH'], checks: undefined, tags: [] });
  assert.is(o.timeout, 30_000);
  assert.is(o['git-timeout'], 120_000);
  assert.is(o.limit, undefined);
  assert.is(o.server, undefined);
  assert.equal(o.people, []);
  assert.is(o.force, false);
});

test('an empty value is not given (the default applies); an empty list is the empty list', () => {
  const o = parse(['--name', 'a', '--mode', '', '--attempts', '', '--levels', '', '--people', '']);
  assert.is(o.mode, 'fast');
  assert.is(o.attempts, 4);
  assert.equal(o.levels, []);
  assert.equal(o.people, []);
  assert.is(usage(['--name', '']), 'missing required option --name');
});

test('choices, case-insensitive choices and checks', () => {
  assert.is(usage(['--name', 'a', '--mode', 'medium']), '--mode "medium" is not one of fast, slow');
  assert.is(parse(['--name', 'a', '--status', 'failure']).status, 'FAILURE');
  assert.is(usage(['--name', 'a', '--mode', 'FAST']), '--mode "FAST" is not one of fast, slow');
  assert.is(usage(['--name', 'a', '--key', 'A1']), '--key "A1" is not a key');
});

test('integers and durations within their bounds', () => {
  assert.is(parse(['--name', 'a', '--attempts', '10']).attempts, 10);
  assert.is(usage(['--name', 'a', '--attempts', '11']), '--attempts takes a whole number from 1 to 10, got "11"');
  assert.is(usage(['--name', 'a', '--attempts', '1.5']), '--attempts takes a whole number from 1 to 10, got "1.5"');
  assert.is(parse(['--name', 'a', '--timeout', '500ms']).timeout, 500);
  assert.is(parse(['--name', 'a', '--timeout', '2']).timeout, 2000);
  assert.is(parse(['--name', 'a', '--timeout', '1d']).timeout, 86_400_000);
  assert.is(usage(['--name', 'a', '--timeout', '5q']), '--timeout takes a duration such as 500ms, 30s or 5m, got "5q"');
  assert.is(usage(['--name', 'a', '--git-timeout', '10ms']), '--git-timeout takes a duration from 100ms to 1h, got "10ms"');
  assert.is(usage(['--name', 'a', '--git-timeout', '2h']), '--git-timeout takes a duration from 100ms to 1h, got "2h"');
  assert.is(durationMs('1.5m'), 90_000);
  assert.is(durationMs('m'), null);
});

test('URLs are http(s) only; lists split on commas and spaces, repeat and dedupe', () => {
  assert.is(parse(['--name', 'a', '--server', 'https://x.example/api']).server, 'https://x.example/api');
  assert.is(usage(['--name', 'a', '--server', 'ftp://x.example']), '--server must be an http(s) URL');
  assert.is(usage(['--name', 'a', '--server', 'not a url']), '--server must be an http(s) URL');
  assert.equal(parse(['--name', 'a', '--people', 'ann, bob', '--people', 'cy bob']).people, ['ann', 'bob', 'cy']);
  assert.equal(parse(['--name', 'a', '--levels', 'low,HIGH']).levels, ['LOW', 'HIGH']);
  assert.is(usage(['--name', 'a', '--levels', 'LOW,MEDIUM']), '--levels "MEDIUM" is not one of HIGH, LOW');
  assert.equal(parse(['--name', 'a', '--tag', 'x', '--tag', 'y']).tag, ['x', 'y']);
});

test('a JSON file is read, parsed and shaped by the spec; a missing or malformed one is a usage error naming the flag', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'good.json'), '{"n": 3}');
  writeFileSync(join(dir, 'bad.json'), '{');
  assert.is(parse(['--name', 'a', '--checks', join(dir, 'good.json')]).checks, 3);
  assert.match(usage(['--name', 'a', '--checks', join(dir, 'bad.json')]), /^--checks .*bad\.json: not valid JSON/);
  assert.match(usage(['--name', 'a', '--checks', join(dir, 'missing.json')]), /^cannot read --checks .*missing\.json: no such file/);
});

test('--help shows choices, bounds, defaults and required', () => {
  // Column padding collapsed to two spaces: the test is about what a row says.
  const help = helpText(spec).replace(/ {2,}/g, '  ');
  assert.ok(help.includes('\n  --name VALUE  a name (required)\n'), help);
  assert.ok(help.includes('\n  --mode VALUE  how (one of: fast, slow; default: fast)\n'));
  assert.ok(help.includes('\n  --attempts N  attempts (1 to 10; default: 4)\n'));
  assert.ok(help.includes('\n  --git-timeout DURATION  a bounded duration (100ms to 1h; default: 120s)\n'));
  assert.ok(help.includes('\n  --levels LIST  levels (each one of: HIGH, LOW; default: HIGH)\n'));
  assert.ok(help.includes('\n  --tag VALUE  tags (repeatable)\n'));
  assert.ok(help.includes('\n  --force  force\n'));
});

test('a bad value exits 2 before the helper runs, like a missing one', async () => {
  let ran = false;
  const probe: HelperSpec<typeof options> = { ...spec, run: async () => ((ran = true), { ok: true, message: 'done' }) };
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    assert.is((await runHelper(probe, ['--name', 'a', '--attempts', '0'], {})).exitCode, 2);
    assert.is((await runHelper(probe, ['--attempts', '2'], {})).exitCode, 2);
    assert.is((await runHelper(probe, ['--name', 'a', '--max-input-mb', 'lots'], {})).exitCode, 2);
    assert.is(ran, false);
  } finally {
    process.stderr.write = write;
  }
  assert.is((await runHelper(probe, ['--name', 'a'], {})).exitCode, 0);
  assert.is(ran, true);
});

const renamed = {
  environment: { type: 'string', required: true, deprecatedAlias: 'env', valueName: 'ENV', description: 'environment name' },
  levels: { type: 'list', deprecatedAlias: 'level', description: 'levels' },
} as const satisfies OptionSpecs;
const renamedSpec: HelperSpec<typeof renamed> = {
  name: 'probe',
  summary: 'A test helper.',
  options: renamed,
  run: async () => ({ ok: true, message: 'done' }),
};

test('a deprecated alias is taken as its option with one warning; giving both names is a usage error', () => {
  const warnings: string[] = [];
  const parsed = checkOptions(
    renamed,
    parseRawArgs(renamedSpec, ['--env', 'prod', '--level', 'a', '--level', 'b'], (line) => warnings.push(line)),
  );
  assert.equal(parsed, { environment: 'prod', levels: ['a', 'b'] });
  assert.equal(warnings, [
    '--env is deprecated and will be removed in the next release; use --environment',
    '--level is deprecated and will be removed in the next release; use --levels',
  ]);
  const quiet: string[] = [];
  assert.equal(
    checkOptions(
      renamed,
      parseRawArgs(renamedSpec, ['--environment', 'prod'], (line) => quiet.push(line)),
    ).environment,
    'prod',
  );
  assert.equal(quiet, []);
  assert.throws(
    () => parseRawArgs(renamedSpec, ['--env', 'a', '--environment', 'b']),
    (e: Error) => e instanceof HelperUsageError && e.message === '--env is the deprecated name of --environment: give only --environment',
  );
});

test('--help and the docs table list a deprecated alias under its option', () => {
  const help = helpText(renamedSpec).replace(/ {2,}/g, '  ');
  assert.ok(
    help.includes('\n  --environment ENV  environment name (required)\n  --env ENV  deprecated: the old name of --environment, removed in the next release\n'),
    help,
  );
  assert.ok(
    optionsTable(renamedSpec).includes(
      '| `--environment ENV` | text | required | environment name |\n| `--env ENV` |  |  | deprecated: the old name of `--environment`, removed in the next release |',
    ),
  );
});

test('a helper run with a deprecated alias writes one warning line to stderr and runs', async () => {
  let seen: unknown;
  const probe: HelperSpec<typeof renamed> = { ...renamedSpec, run: async (o) => ((seen = o.environment), { ok: true, message: 'done' }) };
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  const out = process.stdout.write.bind(process.stdout);
  process.stderr.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    assert.is((await runHelper(probe, ['--env', 'prod'], {})).exitCode, 0);
  } finally {
    process.stderr.write = write;
    process.stdout.write = out;
  }
  assert.is(seen, 'prod');
  assert.equal(lines, ['probe: --env is deprecated and will be removed in the next release; use --environment\n']);
});

test('the bundled GitOps and database helpers still take --env for a release, with one warning', () => {
  const dir = tempDir();
  const runs = {
    'release-hold': runBundle('release-hold', ['--app', 'orders', '--env', 'prod', '--workdir', dir], { cwd: dir }),
    'db-list': runBundle('db-list', ['--dir', dir, '--env', 'prod'], { cwd: dir }),
  };
  for (const [name, r] of Object.entries(runs)) {
    assert.is(r.code, 0, `${name}: ${r.stderr}`);
    assert.match(r.stdout, /prod/);
    assert.is(r.stderr, `${name}: --env is deprecated and will be removed in the next release; use --environment\n`);
  }
});

test.run();
