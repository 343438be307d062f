// Entry of gen's worker threads (dist/gen-worker.mjs): takes configs off the shared queue and lints, renders, compares and stages them for src/cli/gen-workers.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { genOne, stopsAfter } from './gen-config.js';
import { QUEUE, REPLY_BATCH, outcomeToWire, toWire, type Reply, type WorkerData } from './gen-workers.js';

const data = workerData as WorkerData;
const queue = new Int32Array(data.queue);
/** Replies not sent yet: they go in batches of REPLY_BATCH, and the rest with the pass's end. */
let batch: Reply[] = [];
const post = (reply: Reply): void => {
  batch.push(reply);
  if (batch.length < REPLY_BATCH && !('done' in reply)) return;
  parentPort!.postMessage(batch);
  batch = [];
};

/** The next config off the shared counter, until there are none left or a signal stopped the run. */
function* claim(): Generator<number> {
  for (;;) {
    if (Atomics.load(queue, QUEUE.stop)) return;
    const index = Atomics.add(queue, QUEUE.next, 1);
    if (index >= data.files.length) return;
    yield index;
  }
}

/** Lints, then renders, compares and stages each config taken; only findings and verdicts go back, never the text. */
function pass(): void {
  for (const index of claim()) {
    try {
      const outcome = genOne(data.files[index]!, data.targets[index]!, index, {
        policy: data.policy,
        check: data.check,
        force: data.force,
        token: data.token,
        failed: Atomics.load(queue, QUEUE.failed) === 1,
        lintOnly: data.lintOnly || Atomics.load(queue, QUEUE.lintOnly) === 1,
      });
      const stops = stopsAfter(outcome);
      if (stops.lintOnly) Atomics.store(queue, QUEUE.lintOnly, 1);
      if (stops.failed) Atomics.store(queue, QUEUE.failed, 1);
      post({ index, outcome: outcomeToWire(outcome) });
    } catch (error) {
      post({ index, error: toWire(error) });
    }
  }
}

parentPort!.on('message', () => {
  pass();
  post({ done: true });
});
