// Stand-ins for the services the operations helpers call, on top of the stub server: Slack's incoming webhook so far; each speaks its real shapes.
import { startStub, type StubServer } from './stub-server.js';

export const SLACK_PATH = '/services/T0PIPEWRT/B0PIPEWRT/WebhookSecretPart9f3e2d';

/** Slack incoming webhook: POST JSON to the secret path, 200 "ok"; a wrong path is 404 "no_service", a bad payload 400. */
export function startSlack(): Promise<StubServer> {
  return startStub({
    notFound: { status: 404, body: 'no_service' },
    routes: [
      {
        method: 'POST',
        path: SLACK_PATH,
        handle(req) {
          if (!String(req.headers['content-type']).startsWith('application/json')) return { status: 400, body: 'invalid_payload' };
          let payload: any;
          try {
            payload = req.json();
          } catch {
            return { status: 400, body: 'invalid_payload' };
          }
          if (typeof payload.text !== 'string' && !Array.isArray(payload.blocks)) return { status: 400, body: 'no_text' };
          if (payload.blocks !== undefined && (!Array.isArray(payload.blocks) || payload.blocks.length > 50 || payload.blocks.some((b: any) => typeof b?.type !== 'string'))) {
            return { status: 400, body: 'invalid_blocks' };
          }
          return { status: 200, body: 'ok' };
        },
      },
    ],
  });
}

export interface FakePull {
  number: number;
  author: string;
  merged: boolean;
  /** Commits that belong to the pull request (head commits and its merge commit). */
  commits: string[];
  reviews: Array<{ login: string; state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING' }>;
}

const GITHUB_DOCS = 'https://docs.github.com/rest';

/**
 * The GitHub REST API's two endpoints behind the review rule, with its auth ("token X" or "Bearer X"),
 * its error bodies, 422 for an unknown commit, and Link-header pagination of reviews (two per page, to make paging happen).
 */
export function startGitHub(token: string, repository: string, pulls: FakePull[], knownCommits: string[]): Promise<StubServer> {
  const notFound = { status: 404, body: { message: 'Not Found', documentation_url: GITHUB_DOCS, status: '404' } };
  const pr = (p: FakePull, base: string) => ({
    url: `${base}/repos/${repository}/pulls/${p.number}`,
    html_url: `https://github.com/${repository}/pull/${p.number}`,
    number: p.number,
    state: p.merged ? 'closed' : 'open',
    title: `Change ${p.number}`,
    user: { login: p.author, id: 1000 + p.number, type: 'User' },
    merged_at: p.merged ? '2026-11-20T10:00:00Z' : null,
    merge_commit_sha: p.commits[p.commits.length - 1],
    base: { ref: 'main' },
    head: { ref: `feature/${p.number}`, sha: p.commits[0] },
  });
  let server!: StubServer;
  const started = startStub({
    notFound,
    authorize(req) {
      const auth = String(req.headers.authorization ?? '');
      if (auth === `token ${token}` || auth === `Bearer ${token}`) return undefined;
      return { status: 401, body: { message: 'Bad credentials', documentation_url: GITHUB_DOCS, status: '401' } };
    },
    routes: [
      {
        method: 'GET',
        path: '/repos/{owner}/{repo}/commits/{sha}/pulls',
        handle(req) {
          if (`${req.params.owner}/${req.params.repo}` !== repository) return notFound;
          if (!knownCommits.includes(req.params.sha!)) return { status: 422, body: { message: `No commit found for SHA: ${req.params.sha}`, documentation_url: GITHUB_DOCS, status: '422' } };
          return { body: pulls.filter((p) => p.commits.includes(req.params.sha!)).map((p) => pr(p, server.url)) };
        },
      },
      {
        method: 'GET',
        path: '/repos/{owner}/{repo}/pulls/{number}/reviews',
        handle(req) {
          const pull = pulls.find((p) => String(p.number) === req.params.number);
          if (`${req.params.owner}/${req.params.repo}` !== repository || !pull) return notFound;
          const page = Number(req.query.get('page') ?? '1');
          const all = pull.reviews.map((r, i) => ({ id: 500 + i, user: { login: r.login, id: 2000 + i, type: 'User' }, state: r.state, body: '', submitted_at: `2026-11-19T0${i % 10}:00:00Z`, commit_id: pull.commits[0] }));
          const size = 2;
          const last = Math.max(1, Math.ceil(all.length / size));
          const link = (n: number, rel: string) => `<${server.url}${req.path}?per_page=${req.query.get('per_page') ?? 30}&page=${n}>; rel="${rel}"`;
          const headers: Record<string, string> = page < last ? { link: [link(page + 1, 'next'), link(last, 'last')].join(', ') } : {};
          return { headers, body: all.slice((page - 1) * size, page * size) };
        },
      },
    ],
  });
  return started.then((s) => (server = s));
}

/**
 * Prometheus' instant query endpoint (GET or form POST /api/v1/query) with bearer auth: answers from a
 * table of query -> value (a number, a list of numbers for several series, or a function of the call count);
 * an unknown query is an empty vector; a query containing "!!" is a parse error (400 bad_data).
 */
export function startPrometheus(token: string, answers: Record<string, number | number[] | ((call: number) => number)>): Promise<StubServer> {
  const calls = new Map<string, number>();
  const handle = (query: string | null) => {
    if (!query) return { status: 400, body: { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:1: parse error: no expression found in input' } };
    if (query.includes('!!')) return { status: 400, body: { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:9: parse error: unexpected character: \'!\'' } };
    const n = (calls.get(query) ?? 0) + 1;
    calls.set(query, n);
    const answer = answers[query];
    const values = answer === undefined ? [] : typeof answer === 'function' ? [answer(n)] : Array.isArray(answer) ? answer : [answer];
    const result = values.map((v, i) => ({ metric: { pod: `pod-${i}` }, value: [1764100000.123, String(v)] }));
    return { body: { status: 'success', data: { resultType: 'vector', result } } };
  };
  return startStub({
    authorize: (req) => (req.headers.authorization === `Bearer ${token}` ? undefined : { body: 'Unauthorized\n' }),
    routes: [
      { method: 'GET', path: '/api/v1/query', handle: (req) => handle(req.query.get('query')) },
      {
        method: 'POST',
        path: '/api/v1/query',
        handle: (req) =>
          String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')
            ? handle(new URLSearchParams(req.body).get('query'))
            : { status: 400, body: { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": no query' } },
      },
    ],
  });
}
