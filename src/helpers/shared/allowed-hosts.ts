// The policy's per-credential host allow-lists, checked by a helper before it sends a credential: each list comes from the library's pwPolicy through PW_ALLOWED_HOSTS_<KIND>, never from a step argument.
import { HelperFailure } from './cli.js';

/**
 * The variable the vars step sets (withEnv) to the compiled allow-list of one credential kind (PW_ALLOWED_HOSTS_GIT,
 * _GITHUB, _ARGOCD, _DATABASE, _SLACK): comma-separated host names or "*.suffix", or "*" for any host.
 */
export const allowedHostsEnv = (kind: string): string => `PW_ALLOWED_HOSTS_${kind.toUpperCase()}`;

/** The host of a URL or of an scp-like git address (git@host:path), lower case; null when there is none. */
export function hostOf(address: string): string | null {
  try {
    const url = new URL(address);
    return url.hostname ? url.hostname.replace(/^\[|\]$/g, '').toLowerCase() : null;
  } catch {
    const scp = /^(?:[^@/:]+@)?([^/:]+):/.exec(address);
    return scp ? scp[1]!.toLowerCase() : null;
  }
}

/** True when `host` is one of `allowed` ("*.suffix" matches any host below suffix), compared case-insensitively. */
export function hostAllowed(host: string, allowed: string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowed.some((a) => {
    const entry = a.toLowerCase();
    return entry.startsWith('*.') ? h.endsWith(entry.slice(1)) && h.length > entry.length - 1 : h === entry;
  });
}

/**
 * Refuses (exit 1, nothing sent) when the kind's PW_ALLOWED_HOSTS_<KIND> is set and `address`'s host is not on it. Unset (the helper run
 * by hand, or by a library without a policy) and "*" allow any host; an empty value allows none.
 */
export function assertHostAllowed(kind: string, address: string, env: NodeJS.ProcessEnv = process.env): void {
  const list = env[allowedHostsEnv(kind)];
  if (list === undefined || list.trim() === '*') return;
  const allowed = list
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const host = hostOf(address);
  if (host !== null && hostAllowed(host, allowed)) return;
  // Only the host is named: the address itself may be the secret (a Slack webhook URL).
  throw new HelperFailure(
    `the organisation's policy does not allow sending the ${kind} credential to ${host ?? 'an address with no host'} (allowed: ${allowed.length ? allowed.join(', ') : 'no host'}); nothing was sent`,
    { refusedHost: host },
  );
}
