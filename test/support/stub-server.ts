// A loopback HTTP server standing in for Slack, Argo CD, Prometheus or GitHub: routes, a token check, recorded requests and injected faults.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReadJson } from './json.js';

export interface StubRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The route's named parameters, e.g. {name} in /api/v1/applications/{name}. */
  params: Record<string, string>;
  json<T = ReadJson>(): T;
}

export interface StubReply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

/** A misbehaviour for the next matching request: a reply, a reply after a delay, or a dropped connection. */
export type Fault = StubReply | { delayMs: number; reply?: StubReply } | { drop: true };

export interface Route {
  method: string;
  /** A path with {param} placeholders. */
  path: string;
  handle(request: StubRequest): StubReply | Promise<StubReply>;
}

export interface StubOptions {
  routes: Route[];
  /** Refuses a request whose credentials are wrong; returns the 401 reply, or undefined to let it through. */
  authorize?: (request: StubRequest) => StubReply | undefined;
  /** The reply to an unknown path or method (each service words it its own way). */
  notFound?: StubReply;
}

export interface StubServer {
  url: string;
  /** Every request received, faults and refusals included, in order. */
  requests: StubRequest[];
  /** Queues faults for the next requests matching method and path (a route's path, or exact). */
  inject(method: string, path: string, ...faults: Fault[]): void;
  close(): Promise<void>;
}

function compile(path: string): RegExp {
  const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, '(?<$1>[^/]+)');
  return new RegExp(`^${pattern}$`);
}

function send(res: ServerResponse, reply: StubReply): void {
  const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const contentType = typeof reply.body === 'string' || reply.body === undefined ? 'text/plain; charset=utf-8' : 'application/json';
  res.writeHead(reply.status ?? 200, { 'content-type': contentType, ...reply.headers });
  res.end(body);
}

export async function startStub(options: StubOptions): Promise<StubServer> {
  const routes = options.routes.map((r) => ({ ...r, regex: compile(r.path) }));
  const faults = new Map<string, Fault[]>();
  const requests: StubRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://stub');
        const body = Buffer.concat(chunks).toString('utf8');
        const request: StubRequest = {
          method: req.method ?? 'GET',
          path: decodeURIComponent(url.pathname),
          query: url.searchParams,
          headers: req.headers,
          body,
          params: {},
          json: () => JSON.parse(body),
        };
        requests.push(request);
        const route = routes.find((r) => r.method === request.method && r.regex.test(url.pathname));
        const key = `${request.method} ${route?.path ?? request.path}`;
        const fault = faults.get(key)?.shift();
        if (fault && 'drop' in fault) return req.socket.destroy();
        if (fault && 'delayMs' in fault) {
          // Unref'd: a reply held back longer than a test waits must not keep the test process alive after close().
          await new Promise((resolve) => setTimeout(resolve, fault.delayMs).unref());
          if (res.destroyed || req.socket.destroyed) return;
          if (fault.reply) return send(res, fault.reply);
        } else if (fault) return send(res, fault);
        const refusal = options.authorize?.(request);
        if (refusal) return send(res, { status: 401, ...refusal });
        if (!route) return send(res, options.notFound ?? { status: 404, body: 'Not Found' });
        request.params = { ...(route.regex.exec(url.pathname)?.groups ?? {}) };
        for (const k of Object.keys(request.params)) request.params[k] = decodeURIComponent(request.params[k]!);
        try {
          send(res, await route.handle(request));
        } catch (error) {
          send(res, { status: 500, body: `stub handler failed: ${(error as Error).message}` });
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject(method, path, ...more) {
      const key = `${method} ${path}`;
      faults.set(key, [...(faults.get(key) ?? []), ...more]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
