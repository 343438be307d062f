// Preloaded (NODE_OPTIONS=--require) by test/gen/jobs.test.ts: each worker thread appends a line to $PW_TEST_THREADS_LOG, so a test can count the threads gen started.
const { isMainThread } = require('node:worker_threads');
if (!isMainThread && process.env.PW_TEST_THREADS_LOG) require('node:fs').appendFileSync(process.env.PW_TEST_THREADS_LOG, 'worker\n');
