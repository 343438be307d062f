// Polling against a deadline: the one wait loop behind Argo CD's sync wait and the health check, so both stop on time.

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Deadline {
  /** Milliseconds left, never below zero. */
  remaining(): number;
  expired(): boolean;
  elapsed(): number;
}

export function deadline(timeoutMs: number, now: () => number = Date.now): Deadline {
  const start = now();
  return {
    remaining: () => Math.max(0, start + timeoutMs - now()),
    expired: () => now() >= start + timeoutMs,
    elapsed: () => now() - start,
  };
}

export interface PollOptions<T> {
  timeoutMs: number;
  intervalMs: number;
  /** One look: `done` ends the wait; `value` is kept as the last observation either way. */
  check(remainingMs: number): Promise<{ done: boolean; value: T }>;
  /** The clock and the wait between checks; tests inject a virtual clock so no test races the wall clock. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface PollOutcome<T> {
  done: boolean;
  /** The last observation, or undefined when no check finished. */
  last: T | undefined;
  attempts: number;
  elapsedMs: number;
}

/** Checks, sleeps the interval, and checks again until done or the deadline; a check that throws ends the wait by throwing. */
export async function pollUntil<T>(options: PollOptions<T>): Promise<PollOutcome<T>> {
  const clock = deadline(options.timeoutMs, options.now);
  const wait = options.sleep ?? sleep;
  let last: T | undefined;
  let attempts = 0;
  for (;;) {
    attempts++;
    const observation = await options.check(clock.remaining());
    last = observation.value;
    if (observation.done) return { done: true, last, attempts, elapsedMs: clock.elapsed() };
    if (clock.expired()) return { done: false, last, attempts, elapsedMs: clock.elapsed() };
    await wait(Math.min(options.intervalMs, clock.remaining()));
    if (clock.expired()) return { done: false, last, attempts, elapsedMs: clock.elapsed() };
  }
}
