// A loopback git remote over HTTP: the real `git http-backend` (CGI) behind a Node server that can demand basic auth, drop a connection or answer 500, and records every request.
import { spawn, execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * drop: close before answering; 500: answer 500; hang: accept the request and never answer;
 * reset-request: read the first chunk of the request body, then reset the connection (the backend never runs);
 * reset-response: run the backend to the end, send half of its first chunk, then reset (the answer is lost).
 */
export type Fault = 'drop' | '500' | 'hang' | 'reset-request' | 'reset-response';

export interface GitHttpServer {
  url: string;
  /** "METHOD path?query -> status" for every request, in order. */
  log: string[];
  /** Faults consumed one per matching request, in order. */
  faults: Array<{ match: RegExp; fault: Fault }>;
  /** Applied to every matching request while set. */
  lastingFault: { match: RegExp; fault: Fault } | null;
  close(): Promise<void>;
}

const BACKEND = join(execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim(), 'git-http-backend');

export async function startGitHttpServer(projectRoot: string, auth?: { user: string; password: string }): Promise<GitHttpServer> {
  const state: Omit<GitHttpServer, 'url' | 'close'> = { log: [], faults: [], lastingFault: null };

  function backend(req: IncomingMessage, res: ServerResponse, url: URL, cutResponse = false): void {
    const child = spawn(BACKEND, [], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: auth?.user ?? 'anonymous',
        REMOTE_ADDR: '127.0.0.1',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        HTTP_GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    req.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    if (cutResponse) {
      // Collect the whole answer first (so the backend has finished its work), then cut it mid-transfer.
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.on('close', () => {
        clearTimeout(timer);
        const all = Buffer.concat(chunks);
        const end = all.indexOf('\r\n\r\n');
        const body = all.subarray(end + 4);
        const headers = all
          .subarray(0, end)
          .toString('latin1')
          .split('\r\n')
          .filter((l) => !/^status:/i.test(l));
        res.socket?.write(`HTTP/1.1 200 OK\r\n${[...headers, 'Transfer-Encoding: chunked'].join('\r\n')}\r\n\r\n${body.length.toString(16)}\r\n`);
        res.socket?.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.resetAndDestroy());
      });
      return;
    }
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (/^status$/i.test(name)) status = Number(value.split(' ')[0]);
        else res.setHeader(name, value);
      }
      res.statusCode = status;
      res.write(head.subarray(end + 4));
    });
    child.on('close', () => {
      clearTimeout(timer);
      res.end();
    });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const label = `${req.method} ${url.pathname}${url.search}`;
    if (auth) {
      const expected = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        state.log.push(`${label} -> 401`);
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end('unauthorized\n');
        return;
      }
    }
    const index = state.faults.findIndex((f) => f.match.test(label));
    const fault = index >= 0 ? state.faults.splice(index, 1)[0] : state.lastingFault && state.lastingFault.match.test(label) ? state.lastingFault : null;
    if (fault?.fault === 'drop') {
      state.log.push(`${label} -> dropped`);
      req.socket.destroy();
      return;
    }
    if (fault?.fault === 'hang') {
      state.log.push(`${label} -> hang`);
      req.resume();
      return;
    }
    if (fault?.fault === 'reset-request') {
      state.log.push(`${label} -> reset-request`);
      if (req.method === 'GET') return void req.socket.resetAndDestroy();
      req.once('data', () => req.socket.resetAndDestroy());
      return;
    }
    if (fault?.fault === 'reset-response') {
      state.log.push(`${label} -> reset-response`);
      backend(req, res, url, true);
      return;
    }
    if (fault?.fault === '500') {
      state.log.push(`${label} -> 500`);
      req.resume();
      res.writeHead(500, { 'content-type': 'text/plain' }).end('injected failure\n');
      return;
    }
    state.log.push(`${label} -> backend`);
    backend(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
