// A loopback server speaking the GitHub REST shapes the GitOps helpers use (git refs, commits, trees, contents, pulls), over an in-memory repository; 401 for a wrong token, 404 for a wrong path, 422 for a non-fast-forward ref update.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface CommitObject {
  tree: string;
  parents: string[];
  message: string;
}

export interface PullRequest {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
}

export interface FakeGitHub {
  url: string;
  log: string[];
  pulls: PullRequest[];
  /** Files of a branch's head commit. */
  files(branch: string): Record<string, string>;
  commitsOn(branch: string): CommitObject[];
  /** Commits a change to the branch by "someone else" right before the next ref update reaches it. */
  raceNextUpdate(branch: string, path: string, content: string): void;
  close(): Promise<void>;
}

export async function startFakeGitHub(options: {
  owner: string;
  repo: string;
  token: string;
  files: Record<string, string>;
  branch?: string;
}): Promise<FakeGitHub> {
  const trees = new Map<string, Record<string, string>>();
  const commits = new Map<string, CommitObject>();
  const refs = new Map<string, string>();
  const pulls: PullRequest[] = [];
  const log: string[] = [];
  const races: Array<{ branch: string; path: string; content: string }> = [];
  let counter = 0;
  const sha = (value: unknown) =>
    createHash('sha1')
      .update(JSON.stringify(value) + String(++counter))
      .digest('hex');
  const putTree = (files: Record<string, string>) => {
    const id = sha(files);
    trees.set(id, files);
    return id;
  };
  const putCommit = (c: CommitObject) => {
    const id = sha(c);
    commits.set(id, c);
    return id;
  };
  refs.set(`heads/${options.branch ?? 'main'}`, putCommit({ tree: putTree(options.files), parents: [], message: 'initial' }));

  const isAncestor = (ancestor: string, of: string): boolean => {
    const seen = [of];
    while (seen.length) {
      const id = seen.pop()!;
      if (id === ancestor) return true;
      seen.push(...(commits.get(id)?.parents ?? []));
    }
    return false;
  };
  const resolveRef = (ref: string) => refs.get(`heads/${ref}`) ?? (commits.has(ref) ? ref : undefined);
  const commitFiles = (id: string) => trees.get(commits.get(id)!.tree)!;

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname);
      const send = (status: number, body: unknown) => {
        log.push(`${req.method} ${path}${url.search} -> ${status}`);
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `token ${options.token}` && req.headers.authorization !== `Bearer ${options.token}`) {
        return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      }
      const prefix = `/repos/${options.owner}/${options.repo}/`;
      if (!path.startsWith(prefix)) return send(404, { message: 'Not Found' });
      const rest = path.slice(prefix.length);
      const body = raw ? JSON.parse(raw) : {};
      let m: RegExpExecArray | null;
      if (req.method === 'GET' && (m = /^git\/ref\/(heads\/.+)$/.exec(rest))) {
        const id = refs.get(m[1]!);
        return id ? send(200, { ref: `refs/${m[1]}`, object: { sha: id, type: 'commit' } }) : send(404, { message: 'Not Found' });
      }
      if (req.method === 'GET' && (m = /^contents\/(.+)$/.exec(rest))) {
        const at = resolveRef(url.searchParams.get('ref') ?? options.branch ?? 'main');
        const content = at ? commitFiles(at)[m[1]!] : undefined;
        if (content === undefined) return send(404, { message: 'Not Found' });
        return send(200, { type: 'file', encoding: 'base64', path: m[1], sha: sha(content), content: Buffer.from(content).toString('base64') });
      }
      if (req.method === 'GET' && (m = /^git\/commits\/([0-9a-f]{40})$/.exec(rest))) {
        const c = commits.get(m[1]!);
        return c
          ? send(200, { sha: m[1], message: c.message, tree: { sha: c.tree }, parents: c.parents.map((p) => ({ sha: p })) })
          : send(404, { message: 'Not Found' });
      }
      if (req.method === 'POST' && rest === 'git/trees') {
        const base = trees.get(body.base_tree);
        if (!base) return send(422, { message: 'Invalid tree info' });
        const files = { ...base };
        for (const entry of body.tree as Array<{ path: string; content: string }>) files[entry.path] = entry.content;
        return send(201, { sha: putTree(files) });
      }
      if (req.method === 'POST' && rest === 'git/commits') {
        if (!trees.has(body.tree) || !(body.parents as string[]).every((p) => commits.has(p))) return send(422, { message: 'Invalid commit' });
        return send(201, { sha: putCommit({ tree: body.tree, parents: body.parents, message: body.message }) });
      }
      if (req.method === 'PATCH' && (m = /^git\/refs\/(heads\/.+)$/.exec(rest))) {
        const current = refs.get(m[1]!);
        if (!current) return send(422, { message: 'Reference does not exist' });
        const race = races.findIndex((r) => `heads/${r.branch}` === m![1]);
        if (race >= 0) {
          const r = races.splice(race, 1)[0]!;
          refs.set(
            m[1]!,
            putCommit({ tree: putTree({ ...commitFiles(current), [r.path]: r.content }), parents: [current], message: `someone else changed ${r.path}` }),
          );
        }
        if (!body.force && !isAncestor(refs.get(m[1]!)!, body.sha)) return send(422, { message: 'Update is not a fast forward' });
        refs.set(m[1]!, body.sha);
        return send(200, { ref: `refs/${m[1]}`, object: { sha: body.sha, type: 'commit' } });
      }
      if (req.method === 'POST' && rest === 'git/refs') {
        const name = String(body.ref).replace(/^refs\//, '');
        if (refs.has(name)) return send(422, { message: 'Reference already exists' });
        refs.set(name, body.sha);
        return send(201, { ref: body.ref, object: { sha: body.sha, type: 'commit' } });
      }
      const pullShape = (p: PullRequest) => ({
        number: p.number,
        state: p.state,
        title: p.title,
        body: p.body,
        html_url: `https://github.example/${options.owner}/${options.repo}/pull/${p.number}`,
        head: { ref: p.head },
        base: { ref: p.base },
      });
      if (req.method === 'GET' && rest === 'pulls') {
        const head = url.searchParams.get('head');
        const list = pulls.filter(
          (p) =>
            (url.searchParams.get('state') ?? 'open') === p.state &&
            (!url.searchParams.get('base') || url.searchParams.get('base') === p.base) &&
            (!head || head === `${options.owner}:${p.head}`),
        );
        return send(200, list.map(pullShape));
      }
      if (req.method === 'POST' && rest === 'pulls') {
        if (!refs.has(`heads/${body.head}`) || !refs.has(`heads/${body.base}`)) return send(422, { message: 'Validation Failed' });
        const pr: PullRequest = { number: pulls.length + 1, title: body.title, body: body.body ?? '', head: body.head, base: body.base, state: 'open' };
        pulls.push(pr);
        return send(201, pullShape(pr));
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    pulls,
    files: (branch) => commitFiles(refs.get(`heads/${branch}`)!),
    commitsOn: (branch) => {
      const out: CommitObject[] = [];
      for (let id: string | undefined = refs.get(`heads/${branch}`); id; id = commits.get(id)!.parents[0]) out.push(commits.get(id)!);
      return out;
    },
    raceNextUpdate: (branch, path, content) => races.push({ branch, path, content }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
