// `gen --jobs N`: N worker threads take configs off one shared queue for gen's pass (lint; render, compare and stage); outcomes come back in config order.
import { Worker } from 'node:worker_threads';
import { ExitError } from '../core/errors.js';
import { packagePath } from '../paths.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Policy } from '../config/policy.js';
import type { ConfigOutcome, RenderOutcome } from './gen-config.js';

/** Set by scripts/build.mjs: the bundle starts dist/gen-worker.mjs; from source the worker is src/cli/gen-worker.ts. */
declare const __PIPEWRIGHT_BUNDLED__: boolean | undefined;

/**
 * The shared queue: the next config's index; `failed`, set once a config's render fails (nothing will be written, so
 * the workers stage no more); `lintOnly`, set once a config has lint errors (nothing will be rendered either: the run
 * ends with the findings); `stop`, set on a signal (the workers take no more configs).
 */
export const QUEUE = { next: 0, failed: 1, lintOnly: 2, stop: 3 } as const;

export interface WorkerData {
  files: string[];
  targets: string[];
  policy: Policy | null;
  check: boolean;
  force: boolean;
  /** The run's token for staged files (src/cli/gen-staging.ts); null when nothing is written (--check). */
  token: string | null;
  /** Lint only from the start (a path no marker can hold: the run cannot write). */
  lintOnly: boolean;
  /** Int32Array slots, see QUEUE. */
  queue: SharedArrayBuffer;
}

/** An error crossing the thread boundary: an ExitError keeps its exit code, anything else stays an internal error. */
export interface WireError {
  message: string;
  stack?: string;
  exitCode?: number;
}

export type Reply = { done: true } | { index: number; outcome: WireConfigOutcome } | { index: number; error: WireError };

/**
 * How many replies a worker sends in one message: a message costs far more than copying one config's outcome (a
 * twentieth of a worker's time over a fleet went to one per config), and the progress line can move in steps.
 */
export const REPLY_BATCH = 32;

/** A RenderOutcome as it crosses the thread boundary, its errors as WireErrors. */
export type WireOutcome = Omit<RenderOutcome, 'compareError' | 'stageError'> & { compareError?: WireError; stageError?: WireError };

/** A ConfigOutcome as it crosses the thread boundary. */
export type WireConfigOutcome = Omit<ConfigOutcome, 'render' | 'renderError'> & { render?: WireOutcome; renderError?: WireError };

/** An outcome's errors (the render's, the compare's, the stage's) passed through `convert`, the rest kept. */
function convertErrors<From, To>(outcome: Record<string, unknown>, convert: (error: From) => To): Record<string, unknown> {
  const { render, renderError, ...rest } = outcome as { render?: Record<string, unknown>; renderError?: From };
  const converted: Record<string, unknown> = { ...rest };
  if (renderError !== undefined) converted.renderError = convert(renderError);
  if (render) {
    const { compareError, stageError, ...verdict } = render as { compareError?: From; stageError?: From };
    converted.render = {
      ...verdict,
      ...(compareError !== undefined ? { compareError: convert(compareError) } : {}),
      ...(stageError !== undefined ? { stageError: convert(stageError) } : {}),
    };
  }
  return converted;
}

/** A ConfigOutcome for the thread boundary: its errors as WireErrors. */
export const outcomeToWire = (outcome: ConfigOutcome): WireConfigOutcome =>
  convertErrors(outcome as unknown as Record<string, unknown>, toWire) as unknown as WireConfigOutcome;

/** The ConfigOutcome a worker sent, its errors as Errors again. */
const outcomeFromWire = (wire: WireConfigOutcome): ConfigOutcome =>
  convertErrors(wire as unknown as Record<string, unknown>, fromWire) as unknown as ConfigOutcome;

export function toWire(error: unknown): WireError {
  if (error instanceof ExitError) return { message: error.message, exitCode: error.exitCode };
  const e = error as Error | undefined;
  return { message: e?.message ?? String(error), stack: e?.stack };
}

export function fromWire(wire: WireError): Error {
  if (wire.exitCode !== undefined) return new ExitError(wire.message, wire.exitCode);
  const error = new Error(wire.message);
  if (wire.stack) error.stack = wire.stack;
  return error;
}

/** The first error in config order: the one a single thread, which stops at its first, would have thrown. */
function firstError(errors: Map<number, WireError>): Error | undefined {
  if (!errors.size) return undefined;
  return fromWire(errors.get(Math.min(...errors.keys()))!);
}

/** A worker running gen-worker: the bundle's dist/gen-worker.mjs, or from source the .ts through tsx (which a worker does not inherit). */
function startWorker(workerData: WorkerData): Worker {
  if (typeof __PIPEWRIGHT_BUNDLED__ === 'boolean') return new Worker(packagePath('dist', 'gen-worker.mjs'), { workerData });
  const url = JSON.stringify(new URL('./gen-worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${url}, ${url}))`, { eval: true, workerData });
}

export class GenPool {
  private readonly workers: Worker[];
  private readonly files: string[];
  private readonly queue: Int32Array;
  private onReply: ((reply: Reply) => void) | undefined;
  private failed: ((error: Error) => void) | undefined;
  private broken: Error | undefined;
  private closing = false;

  /** Starts `jobs` workers; they load gen's code while the main thread goes on. */
  constructor(jobs: number, data: Omit<WorkerData, 'queue'>) {
    this.files = data.files;
    const workerData: WorkerData = { ...data, queue: new SharedArrayBuffer(4 * Object.keys(QUEUE).length) };
    this.queue = new Int32Array(workerData.queue);
    this.workers = Array.from({ length: jobs }, () => {
      // Workers print nothing: every line of output is the main thread's, in config order, as with one thread.
      const worker = startWorker(workerData);
      worker.on('message', (replies: Reply[]) => {
        for (const reply of replies) this.onReply?.(reply);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`a gen worker thread stopped (exit code ${code}) before its work was done`));
      });
      return worker;
    });
  }

  private fail(error: Error): void {
    this.broken ??= error;
    this.failed?.(error);
  }

  /**
   * gen's pass on every worker: each lints the configs it takes off the queue and renders, compares and stages the
   * clean ones (src/cli/gen-config.ts' genOne); `progress` counts the configs as they come back and `each` sees every
   * outcome (in completion order). The outcomes are returned in config order; the first error lint threw, in config
   * order, is thrown, the one a single thread, which stops there, would have thrown. After stop(), the configs no
   * worker took have none.
   */
  run(progress: (done: number, file: string) => void, each: (index: number, outcome: ConfigOutcome) => void): Promise<Array<ConfigOutcome | undefined>> {
    if (this.broken) return Promise.reject(this.broken);
    const outcomes: Array<ConfigOutcome | undefined> = new Array(this.files.length);
    const errors = new Map<number, WireError>();
    let done = 0;
    return new Promise((resolve, reject) => {
      let running = this.workers.length;
      this.failed = reject;
      this.onReply = (reply) => {
        if ('done' in reply) {
          if (--running > 0) return;
          this.onReply = undefined;
          this.failed = undefined;
          const error = firstError(errors);
          return error ? reject(error) : resolve(outcomes);
        }
        progress(++done, this.files[reply.index]!);
        if ('error' in reply) return void errors.set(reply.index, reply.error);
        const outcome = outcomeFromWire(reply.outcome);
        outcomes[reply.index] = outcome;
        each(reply.index, outcome);
      };
      for (const worker of this.workers) worker.postMessage('run');
    });
  }

  /** Asks the workers to take no more configs (a signal came); the pass running ends once each finishes its current one. */
  stop(): void {
    Atomics.store(this.queue, QUEUE.stop, 1);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
