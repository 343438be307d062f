// Start-up (#20): what a cold one-file lint loads is kept small, and the lazily loaded pieces still work from the bundle.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../support/cli.js';
import { lintLooksSimple } from '../../src/cli/fast-path.js';
import { cacheDirs, cacheName, decodeCache, encodeCache } from '../../src/cli/code-cache.js';

const EXAMPLE = 'examples/python-service/pipeline.yaml';

test('the CLI chunks hold neither the org-defaults nor the policy validator; dist/validators/ holds both', () => {
  for (const chunk of readdirSync(join(ROOT, 'dist', 'chunks'))) {
    const text = readFileSync(join(ROOT, 'dist', 'chunks', chunk), 'utf8');
    assert.not.ok(text.includes('// build/org-defaults.validate.cjs'), `${chunk} bundles the org-defaults validator`);
    assert.not.ok(text.includes('// build/policy.validate.cjs'), `${chunk} bundles the policy validator`);
  }
  for (const name of ['org-defaults', 'policy']) assert.ok(existsSync(join(ROOT, 'dist', 'validators', `${name}.validate.cjs`)), name);
});

test('from the bundle, the lazily loaded validators still report: a bad org file and a bad policy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-startup-'));
  try {
    writeFileSync(join(dir, 'org.yaml'), 'notAKey: 1\n');
    writeFileSync(join(dir, 'pipeline.yaml'), readFileSync(join(ROOT, EXAMPLE), 'utf8').replace(/^version: 1$/m, 'version: 1\nextends: ./org.yaml'));
    const org = runCli(['lint', join(dir, 'pipeline.yaml')]);
    assert.is(org.code, 1, org.stdout + org.stderr);
    assert.match(org.stdout, /notAKey/);
    writeFileSync(join(dir, 'policy.yaml'), 'noSuchSection: {}\n');
    const policy = runCli(['lint', '--policy', join(dir, 'policy.yaml'), EXAMPLE]);
    // An unusable policy is a usage error (exit 2), reported on stderr.
    assert.is(policy.code, 2, policy.stdout + policy.stderr);
    assert.match(policy.stderr, /unknown key "noSuchSection"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a lint line with other flags than --format and --max-warnings (--debug too) does not load the fast bundle; the rest may', () => {
  for (const line of [[], ['a.yaml'], ['--format', 'json', 'a'], ['--format=json', '--max-warnings', '0'], ['-'], ['--', '--help'], ['--format', '--help']]) {
    assert.ok(lintLooksSimple(line), line.join(' '));
  }
  for (const line of [['--help'], ['-h'], ['--debug', '-'], ['--print-config'], ['a', '--policy', 'p.yaml'], ['--manifests=x'], ['--version']]) {
    assert.not.ok(lintLooksSimple(line), line.join(' '));
  }
});

test('the code cache lives beside the package, else under XDG_CACHE_HOME, else ~/.cache', () => {
  assert.equal(cacheDirs('/pkg', { XDG_CACHE_HOME: '/xdg' }, '/home/u'), ['/pkg/dist/.cache', '/xdg/pipewright']);
  assert.equal(cacheDirs('/pkg', {}, '/home/u'), ['/pkg/dist/.cache', '/home/u/.cache/pipewright']);
});

test("a cache file is keyed by the bundle's content, the Node version and NODE_OPTIONS, and a corrupt one is refused", () => {
  const name = cacheName('lint', 'abc', 'v20.0.0', 'x64', '');
  assert.is.not(cacheName('lint', 'abd', 'v20.0.0', 'x64', ''), name, 'same length, other bytes');
  assert.is.not(cacheName('lint', 'abc', 'v20.0.1', 'x64', ''), name);
  assert.is.not(cacheName('lint', 'abc', 'v20.0.0', 'x64', '--max-old-space-size=100'), name);
  const data = Buffer.from('compiled code');
  assert.equal(decodeCache(encodeCache(data)), data);
  const torn = encodeCache(data);
  torn[torn.length - 1] ^= 1;
  assert.is(decodeCache(torn), undefined);
  assert.is(decodeCache(Buffer.alloc(3)), undefined);
});

/** A copy of the built package, so the cache it writes is its own. */
function packageCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pw-cache-'));
  for (const part of ['package.json', 'dist', 'schemas', 'org', 'templates']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  rmSync(join(dir, 'dist', '.cache'), { recursive: true, force: true });
  return dir;
}

const run = (pkg: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [join(pkg, 'dist', 'pipewright.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const cacheFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.v8cache'))
        .sort()
    : [];

test('output and exit codes are the same with no cache, a fresh one, a corrupt one, a stale one and the cache off', () => {
  const pkg = packageCopy();
  const cache = join(pkg, 'dist', '.cache');
  const broken = join(pkg, 'broken.yaml');
  writeFileSync(broken, 'version: 1\napp: 3\n');
  // A flow mapping: the line scans leave it, so the fast bundles load the `yaml` package they hold lazily (build.mjs).
  const flow = join(pkg, 'flow.yaml');
  writeFileSync(flow, 'version: 1\napp: {name: x}\n');
  const commands = [
    ['lint', EXAMPLE],
    ['gen', '--stdout', EXAMPLE],
    ['lint', broken],
    ['lint', join(pkg, 'missing.yaml')],
    ['gen', '--stdout', broken],
    ['lint', flow],
    ['gen', '--stdout', flow],
  ];
  try {
    const expected = commands.map((args) => run(pkg, args, { PIPEWRIGHT_CODE_CACHE: '0' }));
    assert.equal(
      expected.map((r) => r.code),
      [0, 0, 1, 2, 1, 1, 1],
    );
    assert.equal(cacheFiles(cache), [], 'the cache off writes none');
    const check = (when: string) => commands.forEach((args, i) => assert.equal(run(pkg, args), expected[i], `${when}: ${args.join(' ')}`));
    check('no cache');
    const files = cacheFiles(cache);
    assert.equal(
      files.map((f) => f.split('-')[0]),
      ['gen', 'lint'],
    );
    check('fresh cache');
    // Corrupt: the bytes after the checksum changed.
    const lint = join(cache, files[1]!);
    const bad = Buffer.from(readFileSync(lint));
    bad[bad.length >> 1] ^= 0xff;
    writeFileSync(lint, bad);
    check('corrupt cache');
    assert.ok(decodeCache(readFileSync(lint)), 'the corrupt file was replaced');
    // Stale: a well-formed cache of another script (gen's) under lint's name, which V8 must refuse.
    const stale = readFileSync(join(cache, files[0]!));
    writeFileSync(lint, stale);
    check('stale cache');
    assert.ok(decodeCache(readFileSync(lint)) && !readFileSync(lint).equals(stale), 'the stale file was replaced');
  } finally {
    rmSync(pkg, { recursive: true, force: true });
  }
});

test('when the package folder takes no cache, it goes under XDG_CACHE_HOME', () => {
  const pkg = packageCopy();
  try {
    writeFileSync(join(pkg, 'dist', '.cache'), 'a file where the folder would be');
    const xdg = join(pkg, 'xdg');
    const first = run(pkg, ['lint', EXAMPLE], { XDG_CACHE_HOME: xdg });
    assert.is(first.code, 0, first.stderr);
    assert.equal(
      cacheFiles(join(xdg, 'pipewright')).map((f) => f.split('-')[0]),
      ['lint'],
    );
    assert.equal(run(pkg, ['lint', EXAMPLE], { XDG_CACHE_HOME: xdg }), first);
  } finally {
    rmSync(pkg, { recursive: true, force: true });
  }
});

test.run();
