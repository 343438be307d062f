// Git through argument arrays (never a shell string), with errors that name the command and git's own words; a timeout ends git and every process it started.
// The one place helpers spawn git: each run gets a neutral configuration and no credential it was not handed.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mask, withoutSecrets } from './mask.js';

export class GitError extends Error {
  constructor(
    message: string,
    readonly args: string[],
    readonly stderr: string,
    readonly exitCode: number | null,
    /** Killed after GitOptions.timeoutMs: the remote (or the disk) did not answer in time. */
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds before the git process is killed; network operations must not hang a build. */
  timeoutMs?: number;
  input?: string;
}

const MAX_OUTPUT = 64 * 1024 * 1024;

/**
 * Config that beats any repository, global or system file (the command line has the highest precedence): a workspace
 * `.git/config` is written by the build's own commands, so none of its program-running keys may run anything here.
 * Families git cannot reset by one key (filter.<driver>, diff.<driver>.textconv, remote.<name>.uploadpack) stay
 * out of reach because the helpers never check out, diff or fetch in the workspace; their own clones hold no such config.
 */
export const NEUTRAL_CONFIG: readonly string[] = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.sshCommand=ssh',
  'gpg.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'log.showSignature=false',
  'commit.gpgSign=false',
  'tag.gpgSign=false',
  'push.gpgSign=false',
  // An empty value clears every helper configured before it; git-auth adds its own askpass afterwards.
  'credential.helper=',
  // No transport that runs a program of the config's choosing (ext::, fd::); a per-protocol key beats protocol.allow
  // from any config file, so those two are named as well.
  'protocol.allow=never',
  'protocol.ext.allow=never',
  'protocol.fd.allow=never',
  'protocol.https.allow=always',
  'protocol.http.allow=always',
  'protocol.ssh.allow=always',
  'protocol.git.allow=always',
  'protocol.file.allow=always',
].flatMap((setting) => ['-c', setting]);

/** Inherited variables that would point git at other config, another repository or another template; dropped. */
const REDIRECTING_ENV =
  /^(GIT_CONFIG(_.*)?|GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_OBJECT_DIRECTORY|GIT_ALTERNATE_OBJECT_DIRECTORIES|GIT_COMMON_DIR|GIT_NAMESPACE|GIT_TEMPLATE_DIR|GIT_EXEC_PATH|GIT_ASKPASS|SSH_ASKPASS|GIT_EXTERNAL_DIFF|GIT_PROXY_COMMAND)$/;

/**
 * git's environment: the helper's own without credentials and redirecting variables, with no system or global
 * config (GIT_CONFIG_GLOBAL needs git >= 2.32), then what the caller hands over (git-auth's askpass and token).
 */
export function neutralGitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(withoutSecrets(process.env)).filter(([name]) => !REDIRECTING_ENV.test(name)));
  return { ...inherited, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...extra };
}

/** The pids of every process below `root` (Linux /proc; empty elsewhere), found before any is killed so none is reparented first. */
function descendants(root: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) for (const child of children.get(queue.shift()!) ?? []) (found.push(child), queue.push(child));
  return found;
}

/** SIGKILLs a process and everything it started: git's transport helpers (git-remote-http) would otherwise hang on a silent remote. */
function killTree(pid: number): void {
  for (const p of [pid, ...descendants(pid)]) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Runs `git <args>` in `cwd` and resolves with stdout; rejects with a GitError carrying masked stderr. */
export function git(args: string[], options: GitOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...NEUTRAL_CONFIG, ...args], {
      cwd: options.cwd,
      env: neutralGitEnv(options.env),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += d;
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) killTree(child.pid);
      // A killed transport helper's grandchildren may still hold the pipes: stop waiting for them.
      child.stdout!.destroy();
      child.stderr!.destroy();
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new GitError(`git ${mask(args.join(' '))} could not start: ${error.message}`, args, '', null));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && !timedOut) return resolve(stdout);
      const exitCode = timedOut ? null : code;
      const detail = mask(stderr.trim());
      const how = timedOut ? `timed out after ${timeoutMs} ms` : `failed${exitCode === null ? '' : ` (exit ${exitCode})`}`;
      reject(new GitError(`git ${mask(args.join(' '))} ${how}${detail ? `: ${detail}` : ''}`, args, mask(stderr), exitCode, timedOut));
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}
