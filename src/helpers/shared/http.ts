// HTTP for helpers: per-request timeouts, bounded retries with exponential backoff, and Retry-After honoured on 429/503.
import { inputLimit, MAX_INPUT_ENV } from './bounded-read.js';
import { mask } from './mask.js';

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  /** A string body is sent as is; any other value is sent as JSON. */
  body?: unknown;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** Attempts in all, the first included. */
  attempts?: number;
  /** First backoff delay; doubled each retry, with jitter, capped at maxDelayMs. */
  backoffMs?: number;
  maxDelayMs?: number;
  /** Called before each retry, so callers can count and log them. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
  /** The largest response body read, in bytes (default: the bounded reader's cap for HTTP bodies). */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The attempts it took, the successful one included. */
  attempts: number;
  json<T = unknown>(): T;
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly attempts: number,
    readonly body?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The body as text, read chunk by chunk and abandoned past `limit` bytes (Content-Length is checked first), so a
 * server sending hundreds of megabytes costs at most the limit. Throws an HttpError saying so; it is not retried.
 */
async function boundedText(response: Response, limit: number, describe: () => string, attempt: number): Promise<string> {
  const tooLarge = (): HttpError =>
    new HttpError(
      mask(`${describe()}: the answer is larger than ${limit} bytes; raise the limit with --max-input-mb or ${MAX_INPUT_ENV} if it is right`),
      response.status,
      attempt,
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the request, retrying network errors, timeouts and retryable statuses. Resolves with the
 * last response for any other status (callers decide what a 4xx means); rejects with an HttpError
 * when the attempts run out.
 */
export async function request(req: HttpRequest): Promise<HttpResponse> {
  const attempts = Math.max(1, req.attempts ?? 4);
  const timeoutMs = req.timeoutMs ?? 10_000;
  const backoffMs = req.backoffMs ?? 500;
  const maxDelayMs = req.maxDelayMs ?? 30_000;
  const headers: Record<string, string> = { 'user-agent': 'pipewright-helper', ...req.headers };
  let body: string | undefined;
  if (req.body !== undefined) {
    body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    if (typeof req.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
  }
  const method = req.method ?? (body === undefined ? 'GET' : 'POST');
  let lastReason = '';
  let lastStatus: number | undefined;
  let lastBody: string | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      const response = await fetch(req.url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'follow',
      });
      const text = await boundedText(response, req.maxBodyBytes ?? inputLimit('http'), () => `${method} ${safeUrl(req.url)}`, attempt);
      if (!RETRYABLE_STATUS.has(response.status)) {
        return {
          status: response.status,
          headers: response.headers,
          text,
          attempts: attempt,
          json<T>() {
            return JSON.parse(text) as T;
          },
        };
      }
      lastStatus = response.status;
      lastBody = text;
      lastReason = `HTTP ${response.status}`;
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      const e = error as Error & { cause?: { code?: string; message?: string } };
      lastStatus = undefined;
      lastReason =
        e.name === 'TimeoutError' || e.name === 'AbortError'
          ? `no answer within ${timeoutMs} ms`
          : `${e.cause?.code ?? e.name}: ${e.cause?.message ?? e.message}`;
    }
    if (attempt === attempts) break;
    const exponential = Math.min(maxDelayMs, backoffMs * 2 ** (attempt - 1));
    const delayMs = Math.min(maxDelayMs, retryAfterMs ?? Math.round(exponential * (0.5 + Math.random() / 2)));
    req.onRetry?.({ attempt, delayMs, reason: lastReason });
    await sleep(delayMs);
  }
  throw new HttpError(
    mask(`${method} ${safeUrl(req.url)} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${lastReason}`),
    lastStatus,
    attempts,
    lastBody,
  );
}

/** The URL without user info or query string, fit for a log line. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** The retry policy of request(), for clients that bring their own request code. */
export type RetryPolicy = Pick<HttpRequest, 'timeoutMs' | 'attempts' | 'backoffMs' | 'maxDelayMs' | 'onRetry'>;

/**
 * A fetch() with request()'s timeouts and retries, for libraries that accept a fetch (Octokit):
 * a retryable status that outlasts the attempts comes back as that response, a network failure rejects.
 */
export function retryingFetch(policy: RetryPolicy): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
    const body = typeof init?.body === 'string' ? init.body : undefined;
    let status: number;
    let text: string | undefined;
    let responseHeaders: Headers | undefined;
    try {
      const response = await request({ ...policy, url, method: init?.method ?? 'GET', headers, body });
      ({ status, text, headers: responseHeaders } = response);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status === undefined) throw error;
      status = error.status;
      text = error.body;
    }
    const empty = status === 204 || status === 304;
    return new Response(empty ? null : (text ?? ''), { status, headers: responseHeaders });
  };
}
