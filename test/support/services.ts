// Stand-ins for the services the operations helpers call, on top of the stub server: Slack's incoming webhook so far; each speaks its real shapes.
import { startStub, type StubServer } from './stub-server.js';
import type { ReadJson } from './json.js';

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
          let payload: ReadJson;
          try {
            payload = req.json();
          } catch {
            return { status: 400, body: 'invalid_payload' };
          }
          if (typeof payload.text !== 'string' && !Array.isArray(payload.blocks)) return { status: 400, body: 'no_text' };
          if (
            payload.blocks !== undefined &&
            (!Array.isArray(payload.blocks) || payload.blocks.length > 50 || payload.blocks.some((b: ReadJson) => typeof b?.type !== 'string'))
          ) {
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
  /** Who merged it (GET /repos/{o}/{r}/pulls/{n} returns merged_by; the list endpoints do not). */
  mergedBy?: string;
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
          if (!knownCommits.includes(req.params.sha!))
            return { status: 422, body: { message: `No commit found for SHA: ${req.params.sha}`, documentation_url: GITHUB_DOCS, status: '422' } };
          return { body: pulls.filter((p) => p.commits.includes(req.params.sha!)).map((p) => pr(p, server.url)) };
        },
      },
      {
        method: 'GET',
        path: '/repos/{owner}/{repo}/pulls/{number}',
        handle(req) {
          const pull = pulls.find((p) => String(p.number) === req.params.number);
          if (`${req.params.owner}/${req.params.repo}` !== repository || !pull) return notFound;
          return {
            body: {
              ...pr(pull, server.url),
              merged: pull.merged,
              merged_by: pull.merged && pull.mergedBy ? { login: pull.mergedBy, id: 3000 + pull.number, type: 'User' } : null,
            },
          };
        },
      },
      {
        method: 'GET',
        path: '/repos/{owner}/{repo}/pulls/{number}/reviews',
        handle(req) {
          const pull = pulls.find((p) => String(p.number) === req.params.number);
          if (`${req.params.owner}/${req.params.repo}` !== repository || !pull) return notFound;
          const page = Number(req.query.get('page') ?? '1');
          const all = pull.reviews.map((r, i) => ({
            id: 500 + i,
            user: { login: r.login, id: 2000 + i, type: 'User' },
            state: r.state,
            body: '',
            submitted_at: `2026-11-19T0${i % 10}:00:00Z`,
            commit_id: pull.commits[0],
          }));
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
    if (!query)
      return {
        status: 400,
        body: { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:1: parse error: no expression found in input' },
      };
    if (query.includes('!!'))
      return {
        status: 400,
        body: { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:9: parse error: unexpected character: \'!\'' },
      };
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

export interface ArgoState {
  /** GETs of the application so far, this one included. */
  gets: number;
  /** Bodies of the sync requests accepted. */
  syncs: ReadJson[];
  /** Resource actions run, as "kind/name:action". */
  actions: string[];
}

export interface ArgoScenario {
  automated?: boolean;
  /** The application's status at each GET; a sync or an action changes what it returns. */
  status(state: ArgoState): ReadJson;
  tree?: ReadJson[];
  /** Answer sync requests with "another operation is already in progress". */
  busy?: boolean;
}

/**
 * Argo CD's application API (grpc-gateway JSON): GET the application, POST sync, GET resource-tree,
 * POST resource/actions (the resource in the query, the action name as a JSON string body), bearer tokens,
 * and its error bodies {error, code, message}.
 */
export function startArgoCd(token: string, apps: Record<string, ArgoScenario>): Promise<StubServer> & { state: Record<string, ArgoState> } {
  const state: Record<string, ArgoState> = Object.fromEntries(Object.keys(apps).map((k) => [k, { gets: 0, syncs: [], actions: [] }]));
  const grpcError = (status: number, code: number, message: string) => ({ status, body: { error: message, code, message } });
  const lookup = (name: string) => (apps[name] ? { scenario: apps[name]!, s: state[name]! } : undefined);
  const application = (name: string, scenario: ArgoScenario, s: ArgoState) => ({
    metadata: { name, namespace: 'argocd', resourceVersion: String(1000 + s.gets) },
    spec: {
      project: 'default',
      source: { repoURL: 'https://github.com/acme/k8s-manifests.git', path: `apps/${name}`, targetRevision: 'HEAD' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      syncPolicy: scenario.automated ? { automated: { prune: true, selfHeal: true } } : {},
    },
    status: scenario.status(s),
  });
  const missing = (name: string) => grpcError(404, 5, `applications.argoproj.io "${name}" not found`);
  const started = startStub({
    notFound: { status: 404, body: 'Not Found' },
    authorize: (req) => (req.headers.authorization === `Bearer ${token}` ? undefined : grpcError(401, 16, 'invalid session: token signature is invalid')),
    routes: [
      {
        method: 'GET',
        path: '/api/v1/applications/{name}',
        handle(req) {
          const found = lookup(req.params.name!);
          if (!found) return missing(req.params.name!);
          found.s.gets++;
          return { body: application(req.params.name!, found.scenario, found.s) };
        },
      },
      {
        method: 'POST',
        path: '/api/v1/applications/{name}/sync',
        handle(req) {
          const found = lookup(req.params.name!);
          if (!found) return missing(req.params.name!);
          const body = req.json();
          if (body.name !== req.params.name) return grpcError(400, 3, 'application name in the body does not match the path');
          if (found.scenario.busy) return grpcError(400, 9, 'another operation is already in progress');
          found.s.syncs.push(body);
          return { body: application(req.params.name!, found.scenario, found.s) };
        },
      },
      {
        method: 'GET',
        path: '/api/v1/applications/{name}/resource-tree',
        handle(req) {
          const found = lookup(req.params.name!);
          return found ? { body: { nodes: found.scenario.tree ?? [] } } : missing(req.params.name!);
        },
      },
      {
        method: 'POST',
        path: '/api/v1/applications/{name}/resource/actions',
        handle(req) {
          const found = lookup(req.params.name!);
          if (!found) return missing(req.params.name!);
          for (const p of ['namespace', 'resourceName', 'version', 'group', 'kind']) {
            if (!req.query.get(p)) return grpcError(400, 3, `missing query parameter ${p}`);
          }
          const action = req.json();
          if (typeof action !== 'string') return grpcError(400, 3, 'the body must be the action name as a JSON string');
          found.s.actions.push(`${req.query.get('kind')}/${req.query.get('resourceName')}:${action}`);
          return { body: {} };
        },
      },
    ],
  });
  return Object.assign(started, { state });
}
