// Entry of gen's worker threads (dist/gen-worker.js): takes configs off the shared queue and lints, renders, compares and writes them for src/cli/gen-workers.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { compareGenerated, generatedFile, writeGenerated, type GeneratedFile } from '../generated/synth.js';
import { lintForGen, renderForGen, type Rendered } from './gen-config.js';
import { QUEUE, toWire, type Pass, type Reply, type WorkerData } from './gen-workers.js';

const data = workerData as WorkerData;
const queue = new Int32Array(data.queue);
/** The Jenkinsfiles this thread rendered that are stale or missing: written by the write pass, once no config was refused. */
const held = new Map<number, GeneratedFile>();
const post = (reply: Reply): void => parentPort!.postMessage(reply);

/** The next config of the pass's shared counter, until there are none left. */
function* claim(slot: number): Generator<number> {
  for (;;) {
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

function renderPass(): void {
  for (const index of claim(QUEUE.render)) {
    const target = data.targets[index]!;
    let rendered: Rendered;
    let file: GeneratedFile;
    try {
      rendered = renderForGen(data.files[index]!, target);
      file = generatedFile(target, 'slashes', rendered.text);
    } catch (error) {
      post({ pass: 'render', index, renderError: toWire(error) });
      continue;
    }
    try {
      const comparison = compareGenerated(file, { check: data.check, force: data.force });
      if (comparison.state === 'stale' && !comparison.refused && !data.check) held.set(index, file);
      post({ pass: 'render', index, tooBig: rendered.tooBig, comparison });
    } catch (error) {
      post({ pass: 'render', index, tooBig: rendered.tooBig, compareError: toWire(error) });
    }
  }
}

function writePass(): void {
  for (const index of [...held.keys()].sort((a, b) => a - b)) {
    if (Atomics.load(queue, QUEUE.abort)) break;
    try {
      writeGenerated(held.get(index)!);
    } catch (error) {
      Atomics.store(queue, QUEUE.abort, 1);
      post({ pass: 'write', index, error: toWire(error) });
      break;
    }
  }
  held.clear();
}

parentPort!.on('message', (pass: Pass) => {
  if (pass === 'lint') lintPass();
  else if (pass === 'render') renderPass();
  else writePass();
  post({ done: pass });
});
