// Entry of gen's worker threads (dist/gen-worker.js): takes configs off the shared queue and lints, or renders, compares and stages, them for src/cli/gen-workers.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { lintForGen, outcomeFailed, renderOne, type RenderOutcome } from './gen-config.js';
import { QUEUE, toWire, type Pass, type Reply, type WireOutcome, type WorkerData } from './gen-workers.js';

const data = workerData as WorkerData;
const queue = new Int32Array(data.queue);
const post = (reply: Reply): void => parentPort!.postMessage(reply);

/** The next config of the pass's shared counter, until there are none left or a signal stopped the run. */
function* claim(slot: number): Generator<number> {
  for (;;) {
    if (Atomics.load(queue, QUEUE.stop)) return;
    const index = Atomics.add(queue, slot, 1);
    if (index >= data.files.length) return;
    yield index;
  }
}

function lintPass(): void {
  for (const index of claim(QUEUE.lint)) {
    try {
      const r = lintForGen(data.files[index]!, data.policy);
      post({ pass: 'lint', index, result: r.diagnostics.length ? { text: r.text, raw: r.raw, diagnostics: r.diagnostics, unreadable: r.unreadable } : null });
    } catch (error) {
      post({ pass: 'lint', index, error: toWire(error) });
    }
  }
}

/** Renders, compares and stages each config taken; only the verdicts (and, checking, the diff) go back, never the text. */
function renderPass(): void {
  for (const index of claim(QUEUE.render)) {
    let outcome: RenderOutcome;
    try {
      const failed = Atomics.load(queue, QUEUE.failed) === 1;
      outcome = renderOne(data.files[index]!, data.targets[index]!, index, { check: data.check, force: data.force, token: data.token, failed });
    } catch (error) {
      Atomics.store(queue, QUEUE.failed, 1);
      post({ pass: 'render', index, renderError: toWire(error) });
      continue;
    }
    if (outcomeFailed(outcome)) Atomics.store(queue, QUEUE.failed, 1);
    const { compareError, stageError, ...rest } = outcome;
    const wire: WireOutcome = { ...rest };
    if (compareError) wire.compareError = toWire(compareError);
    if (stageError) wire.stageError = toWire(stageError);
    post({ pass: 'render', index, outcome: wire });
  }
}

parentPort!.on('message', (pass: Pass) => {
  if (pass === 'lint') lintPass();
  else renderPass();
  post({ done: pass });
});
