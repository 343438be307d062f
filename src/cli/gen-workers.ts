// `gen --jobs N`: N worker threads take configs off one shared queue for each of gen's passes (lint; render, compare and stage); results come back in config order.
import { Worker } from 'node:worker_threads';
import { ExitError } from '../core/errors.js';
import { packagePath } from '../paths.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Policy } from '../config/policy.js';
import type { LintResult } from '../lint/runner.js';
import type { RenderOutcome } from './gen-config.js';

/** Set by scripts/build.mjs: the bundle starts dist/gen-worker.js; from source the worker is src/cli/gen-worker.ts. */
declare const __PIPEWRIGHT_BUNDLED__: boolean | undefined;

/**
 * The shared queue: one next-config counter per pass; `failed`, set once a config fails (nothing will be written, so
 * the workers stage no more); `stop`, set on a signal (the workers take no more configs).
 */
export const QUEUE = { lint: 0, render: 1, failed: 2, stop: 3 } as const;

export interface WorkerData {
  files: string[];
  targets: string[];
  policy: Policy | null;
  check: boolean;
  force: boolean;
  /** The run's token for staged files (src/cli/gen-staging.ts); null when nothing is written (--check). */
  token: string | null;
  /** Int32Array slots, see QUEUE. */
  queue: SharedArrayBuffer;
}

export type Pass = 'lint' | 'render';

/** An error crossing the thread boundary: an ExitError keeps its exit code, anything else stays an internal error. */
export interface WireError {
  message: string;
  stack?: string;
  exitCode?: number;
}

/** What a lint reply carries of a config with findings: what stylish output shows (text, raw for masking), not the model. */
export type LintReply = Pick<LintResult, 'text' | 'raw' | 'diagnostics' | 'unreadable'>;

export type Reply =
  | { done: Pass }
  | { pass: 'lint'; index: number; result: LintReply | null }
  | { pass: 'lint'; index: number; error: WireError }
  | { pass: 'render'; index: number; outcome: WireOutcome }
  | { pass: 'render'; index: number; renderError: WireError };

/** A RenderOutcome as it crosses the thread boundary, its errors as WireErrors. */
export type WireOutcome = Omit<RenderOutcome, 'compareError' | 'stageError'> & { compareError?: WireError; stageError?: WireError };

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

/** A worker running gen-worker: the bundle's dist/gen-worker.js, or from source the .ts through tsx (which a worker does not inherit). */
function startWorker(workerData: WorkerData): Worker {
  if (typeof __PIPEWRIGHT_BUNDLED__ === 'boolean') return new Worker(packagePath('dist', 'gen-worker.js'), { workerData });
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
      worker.on('message', (reply: Reply) => this.onReply?.(reply));
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

  /** Runs one pass on every worker; `handle` sees each config's reply as it comes (in completion order). */
  private run(pass: Pass, handle: (reply: Exclude<Reply, { done: Pass }>) => void): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      let running = this.workers.length;
      this.failed = reject;
      this.onReply = (reply) => {
        if (!('done' in reply)) return handle(reply);
        if (--running === 0) {
          this.onReply = undefined;
          this.failed = undefined;
          resolve();
        }
      };
      for (const worker of this.workers) worker.postMessage(pass);
    });
  }

  /** The lint pass: every config's LintResult, in config order, as lintForGen (src/cli/gen-config.ts) returns it minus the model. */
  async lint(): Promise<LintResult[]> {
    const results: LintResult[] = this.files.map((file) => ({ file, text: '', raw: undefined, model: null, diagnostics: [] }));
    const errors = new Map<number, WireError>();
    await this.run('lint', (reply) => {
      if (reply.pass !== 'lint') return;
      if ('error' in reply) errors.set(reply.index, reply.error);
      else if (reply.result) results[reply.index] = { ...results[reply.index]!, ...reply.result };
    });
    const error = firstError(errors);
    if (error) throw error;
    return results;
  }

  /**
   * The render pass: each worker renders, size-checks, compares with the disk and stages (src/cli/gen-config.ts'
   * renderOne) the configs it takes; `progress` counts the configs as they come back and `each` sees every config's
   * outcome (in completion order). The outcomes are returned in config order; the first render error in config order is thrown, the
   * one a single thread, which stops there, would have thrown. After stop(), the configs no worker took have none.
   */
  async render(
    progress: (done: number, file: string) => void,
    each: (index: number, outcome: RenderOutcome) => void,
  ): Promise<Array<RenderOutcome | undefined>> {
    const outcomes: Array<RenderOutcome | undefined> = new Array(this.files.length);
    const renderErrors = new Map<number, WireError>();
    let done = 0;
    await this.run('render', (reply) => {
      if (reply.pass !== 'render') return;
      progress(++done, this.files[reply.index]!);
      if ('renderError' in reply) return void renderErrors.set(reply.index, reply.renderError);
      const { compareError, stageError, ...rest } = reply.outcome;
      const outcome: RenderOutcome = { ...rest };
      if (compareError) outcome.compareError = fromWire(compareError);
      if (stageError) outcome.stageError = fromWire(stageError);
      outcomes[reply.index] = outcome;
      each(reply.index, outcome);
    });
    const error = firstError(renderErrors);
    if (error) throw error;
    return outcomes;
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
