// The repository's git remote: its URL without credentials, and the owner and name it gives the project.
import { git } from '../helpers/shared/git.js';

export interface Remote {
  /** A clone URL pipeline.yaml accepts (https, git@ or ssh://), credentials removed; null when the remote is of another kind. */
  url: string | null;
  owner: string | null;
  name: string | null;
}

/** The same pattern the schema gives gitops.repo. */
const REPO_URL = /^(https:\/\/[A-Za-z0-9._~/:%-]+|git@[A-Za-z0-9.-]+:[A-Za-z0-9._~/-]+|ssh:\/\/[A-Za-z0-9._~/:@%-]+)$/;

export function parseRemote(raw: string): Remote {
  let url = raw.trim();
  // Tokens in https remotes ("https://user:token@host/...") must never reach pipeline.yaml.
  url = url.replace(/^(https?:\/\/)[^/@]*@/, '$1');
  const path = /^(?:[a-z+]+:\/\/[^/]+\/|[^@/]+@[^:]+:)(.+?)(?:\.git)?\/?$/.exec(url)?.[1] ?? null;
  const segments = path ? path.split('/').filter(Boolean) : [];
  return {
    url: REPO_URL.test(url) ? url : null,
    owner: segments.length >= 2 ? segments.at(-2)! : null,
    name: segments.at(-1) ?? null,
  };
}

/** `git remote get-url origin` in `dir`; null when the folder is not a repository or has no origin. */
export async function readRemote(dir: string): Promise<Remote | null> {
  try {
    const url = (await git(['remote', 'get-url', 'origin'], { cwd: dir, timeoutMs: 10_000 })).trim();
    return url ? parseRemote(url) : null;
  } catch {
    return null;
  }
}
