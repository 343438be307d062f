// Git through argument arrays (never a shell string), with errors that name the command and git's own words.
import { execFile } from 'node:child_process';
import { mask } from './mask.js';

export class GitError extends Error {
  constructor(
    message: string,
    readonly args: string[],
    readonly stderr: string,
    readonly exitCode: number | null,
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

/** Runs `git <args>` in `cwd` and resolves with stdout; rejects with a GitError carrying masked stderr. */
export function git(args: string[], options: GitOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...options.env },
        timeout: options.timeoutMs ?? 120_000,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const killed = (error as { killed?: boolean }).killed;
        const code = typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : null;
        const detail = mask((stderr || error.message).trim());
        reject(
          new GitError(
            `git ${mask(args.join(' '))} ${killed ? `timed out after ${options.timeoutMs ?? 120_000} ms` : `failed${code === null ? '' : ` (exit ${code})`}`}: ${detail}`,
            args,
            mask(stderr),
            code,
          ),
        );
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
