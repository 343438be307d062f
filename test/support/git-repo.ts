// Test support for helpers: temporary folders, git repositories built from a {path: content} map (bare remotes included), and bundled helpers run as Jenkins runs them.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './cli.js';

export function tempDir(prefix = 'pw-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  if (!resolve(dir).startsWith(tmpdir())) throw new Error(`refusing to remove ${dir}: not under ${tmpdir()}`);
  rmSync(dir, { recursive: true, force: true });
}

/** Writes files under root, refusing any path that escapes it. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const file = resolve(root, path);
    if (relative(root, file).startsWith('..') || !file.startsWith(tmpdir())) throw new Error(`refusing to write ${path} outside ${root}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/**
 * Git's automatic housekeeping is off for test repositories (`git maintenance run --auto` after each commit and fetch,
 * `gc --auto` after each push received): a throwaway repository never needs it, and in a bump with retries it is about
 * a fifth of every process started. A test that sets GIT_CONFIG_COUNT itself replaces these.
 */
const NO_HOUSEKEEPING = {
  GIT_CONFIG_COUNT: '3',
  GIT_CONFIG_KEY_0: 'maintenance.auto',
  GIT_CONFIG_VALUE_0: 'false',
  GIT_CONFIG_KEY_1: 'gc.auto',
  GIT_CONFIG_VALUE_1: '0',
  GIT_CONFIG_KEY_2: 'receive.autogc',
  GIT_CONFIG_VALUE_2: 'false',
};
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  ...NO_HOUSEKEEPING,
};

export function gitSync(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', env: { ...process.env, ...GIT_ENV, ...env } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** A bare repository whose branch holds the files in one commit; returns its path. */
export function bareRepoWith(files: Record<string, string>, branch = 'main'): { bare: string; root: string } {
  const root = tempDir('pw-repo-');
  const work = join(root, 'seed');
  const bare = join(root, 'remote.git');
  mkdirSync(work);
  writeFiles(work, files);
  gitSync(work, ['init', '-q', '-b', branch]);
  gitSync(work, ['add', '-A']);
  gitSync(work, ['commit', '-q', '-m', 'initial manifests']);
  // The remote runs receive-pack, which git starts without our GIT_CONFIG_* variables: its own config turns gc off.
  gitSync(root, ['clone', '-q', '--bare', '-c', 'receive.autogc=false', '-c', 'gc.auto=0', work, bare]);
  return { bare, root };
}

export interface HelperRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BUNDLE = (name: string) => join(ROOT, 'dist', 'helpers', `${name}.cjs`);

/**
 * A folder holding a `git` that redirects `url` to the local `bare` repository, for simulated runs of a config whose
 * manifests repository is a real https URL. The helpers' git ignores GIT_CONFIG_* from the environment and the global
 * config (SECURITY.md, helpers' git), so the redirect is an agent whose git says so on its command line: put the
 * folder first on the build's PATH. Paths come from tempDir (no quotes); the URL is the example's.
 */
export function redirectingGit(bare: string, url: string): { dir: string; path: string } {
  const dir = tempDir('pw-git-redirect-');
  const real = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  writeFileSync(join(dir, 'git'), `#!/bin/sh\nexec '${real}' -c 'url.${bare}.insteadOf=${url}' "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  return { dir, path: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}` };
}

export function runBundle(name: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): HelperRun {
  const r = spawnSync(process.execPath, [BUNDLE(name), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...GIT_ENV, ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    killSignal: 'SIGKILL',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking: for helpers that must run at the same moment. */
export function runBundleAsync(name: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<HelperRun> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [BUNDLE(name), ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...GIT_ENV, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}
