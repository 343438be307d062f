// HTTP health probing: poll a URL until it answers 2xx (and the body matches) within a deadline, with per-request timeouts and latency.
import { HttpError, request } from '../shared/http.js';
import { pollUntil } from './poll.js';

export interface HealthProbe {
  url: string;
  /** Text the body must contain. */
  expectBody: string | null;
  timeoutMs: number;
  requestTimeoutMs: number;
  intervalMs: number;
  headers?: Record<string, string>;
  /** Injected by tests (a virtual clock); Date.now and setTimeout otherwise. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface HealthOutcome {
  healthy: boolean;
  attempts: number;
  /** The last HTTP status seen, null when nothing answered. */
  status: number | null;
  /** The latency of the answer that passed, or of the last answer. */
  latencyMs: number | null;
  /** Latencies of every answer, in order, for the record. */
  latenciesMs: number[];
  elapsedMs: number;
  /** Why the last attempt did not pass. */
  lastError: string | null;
}

interface Attempt {
  status: number | null;
  latencyMs: number | null;
  error: string | null;
}

export async function probeUntilHealthy(probe: HealthProbe): Promise<HealthOutcome> {
  const latencies: number[] = [];
  // The last attempt before the deadline may be cut short; the last real answer explains the failure better.
  let lastAnswered: Attempt | undefined;
  const outcome = await pollUntil<Attempt>({
    timeoutMs: probe.timeoutMs,
    intervalMs: probe.intervalMs,
    now: probe.now,
    sleep: probe.sleep,
    async check(remainingMs) {
      const started = performance.now();
      try {
        // One attempt per poll: the poll loop is the retry, and the deadline bounds it.
        const response = await request({
          url: probe.url,
          headers: probe.headers,
          attempts: 1,
          timeoutMs: Math.max(1, Math.min(probe.requestTimeoutMs, remainingMs)),
        });
        const latencyMs = Math.round(performance.now() - started);
        latencies.push(latencyMs);
        if (response.status < 200 || response.status > 299) {
          lastAnswered = { status: response.status, latencyMs, error: `HTTP ${response.status}` };
          return { done: false, value: lastAnswered };
        }
        if (probe.expectBody !== null && !response.text.includes(probe.expectBody)) {
          lastAnswered = { status: response.status, latencyMs, error: `HTTP ${response.status} but the body does not contain "${probe.expectBody}"` };
          return { done: false, value: lastAnswered };
        }
        return { done: true, value: { status: response.status, latencyMs, error: null } };
      } catch (error) {
        // request() reports a retryable status (502, 503, …) as an error; it is still an answer with a latency.
        const status = error instanceof HttpError ? (error.status ?? null) : null;
        const latencyMs = status === null ? null : Math.round(performance.now() - started);
        if (latencyMs !== null) latencies.push(latencyMs);
        const reason = error instanceof HttpError ? error.message.replace(/^.*failed after 1 attempt: /, '') : (error as Error).message;
        const attempt = { status, latencyMs, error: reason };
        if (status !== null) lastAnswered = attempt;
        return { done: false, value: attempt };
      }
    },
  });
  return {
    healthy: outcome.done,
    attempts: outcome.attempts,
    status: outcome.done ? (outcome.last?.status ?? null) : ((lastAnswered ?? outcome.last)?.status ?? null),
    latencyMs: outcome.last?.latencyMs ?? null,
    latenciesMs: latencies,
    elapsedMs: outcome.elapsedMs,
    lastError: outcome.done ? null : ((lastAnswered ?? outcome.last)?.error ?? null),
  };
}
