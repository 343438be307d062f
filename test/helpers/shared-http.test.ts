// The shared HTTP client against a loopback server: what it retries, how often, how long it waits, and what it gives back.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request, retryingFetch, parseRetryAfter, HttpError } from '../../src/helpers/shared/http.js';
import { startStub, type StubServer } from '../support/stub-server.js';

let server: StubServer;
test.before(async () => {
  server = await startStub({
    authorize: (req) => (req.headers.authorization === 'Bearer good-token' ? undefined : { body: { message: 'Bad credentials' } }),
    routes: [
      { method: 'GET', path: '/thing/{id}', handle: (req) => ({ body: { id: req.params.id } }) },
      { method: 'POST', path: '/echo', handle: (req) => ({ status: 201, body: { got: req.json(), type: req.headers['content-type'] } }) },
    ],
  });
});
test.after(() => server.close());
test.before.each(() => {
  server.requests.length = 0;
});

const AUTH = { authorization: 'Bearer good-token' };
const fast = { backoffMs: 1, maxDelayMs: 50, timeoutMs: 10_000 };

test('retries 500, 503, 429 and a dropped connection, then returns the answer with the attempts it took', async () => {
  server.inject('GET', '/thing/{id}', { status: 500 }, { status: 503 }, { status: 429 }, { drop: true });
  const retries: string[] = [];
  const r = await request({ url: `${server.url}/thing/7`, headers: AUTH, attempts: 5, ...fast, onRetry: (i) => retries.push(i.reason) });
  assert.is(r.status, 200);
  assert.equal(r.json(), { id: '7' });
  assert.is(r.attempts, 5);
  assert.is(server.requests.length, 5);
  assert.is(retries.length, 4);
  assert.equal(retries.slice(0, 3), ['HTTP 500', 'HTTP 503', 'HTTP 429']);
  assert.match(retries[3]!, /ECONNRESET|socket|UND_ERR/i);
});

test('gives up after the bounded attempts with an HttpError carrying the last status and body', async () => {
  server.inject('GET', '/thing/{id}', { status: 502, body: 'bad gateway' }, { status: 502, body: 'bad gateway' }, { status: 502, body: 'still bad' });
  try {
    await request({ url: `${server.url}/thing/1`, headers: AUTH, attempts: 3, ...fast });
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.instance(error, HttpError);
    const e = error as HttpError;
    assert.is(e.status, 502);
    assert.is(e.attempts, 3);
    assert.is(e.body, 'still bad');
    assert.match(e.message, /GET http:\/\/127\.0\.0\.1:\d+\/thing\/1 failed after 3 attempts: HTTP 502/);
  }
  assert.is(server.requests.length, 3);
});

test('a 429 waits what Retry-After says (seconds), not the backoff', async () => {
  server.inject('GET', '/thing/{id}', { status: 429, headers: { 'retry-after': '1' } });
  const delays: number[] = [];
  const r = await request({ url: `${server.url}/thing/2`, headers: AUTH, attempts: 2, backoffMs: 1, maxDelayMs: 5000, onRetry: (i) => delays.push(i.delayMs) });
  assert.is(r.status, 200);
  assert.equal(delays, [1000]);
});

test('Retry-After as an HTTP date, and unreadable values', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.is(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
  assert.is(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0);
  assert.is(parseRetryAfter('soon', now), undefined);
  assert.is(parseRetryAfter(null, now), undefined);
});

test('a slow answer is cut off by the per-attempt timeout and retried', async () => {
  // The late answer comes long after the 5 s timeout, and the retry has 5 s too: no race with the machine's load.
  server.inject('GET', '/thing/{id}', { delayMs: 30_000, reply: { body: { late: true } } });
  const reasons: string[] = [];
  const r = await request({ url: `${server.url}/thing/3`, headers: AUTH, attempts: 2, backoffMs: 1, timeoutMs: 5000, onRetry: (i) => reasons.push(i.reason) });
  assert.equal(r.json(), { id: '3' });
  assert.equal(reasons, ['no answer within 5000 ms']);
});

test('404, 401 and other client errors come back at once, unretried', async () => {
  const missing = await request({ url: `${server.url}/nowhere`, headers: AUTH, attempts: 4, ...fast });
  assert.is(missing.status, 404);
  const refused = await request({ url: `${server.url}/thing/1`, headers: { authorization: 'Bearer wrong' }, attempts: 4, ...fast });
  assert.is(refused.status, 401);
  const wrongMethod = await request({ url: `${server.url}/thing/1`, method: 'DELETE', headers: AUTH, attempts: 4, ...fast });
  assert.is(wrongMethod.status, 404);
  assert.is(server.requests.length, 3);
});

test('a JSON body is sent with its content type', async () => {
  const r = await request({ url: `${server.url}/echo`, headers: AUTH, body: { a: 1 }, ...fast });
  assert.equal(r.json(), { got: { a: 1 }, type: 'application/json' });
});

test('retryingFetch: a fetch with the same retries, returning the final response or the exhausted status', async () => {
  server.inject('GET', '/thing/{id}', { status: 500 });
  const f = retryingFetch({ attempts: 2, ...fast });
  const ok = await f(`${server.url}/thing/9`, { headers: AUTH });
  assert.is(ok.status, 200);
  assert.equal(await ok.json(), { id: '9' });
  server.inject('GET', '/thing/{id}', { status: 503, body: 'down' }, { status: 503, body: 'down' });
  const down = await f(`${server.url}/thing/9`, { headers: AUTH });
  assert.is(down.status, 503);
  assert.is(await down.text(), 'down');
  server.inject('GET', '/thing/{id}', { drop: true }, { drop: true });
  try {
    await f(`${server.url}/thing/9`, { headers: AUTH });
    assert.unreachable('a network failure rejects');
  } catch (error) {
    assert.instance(error, HttpError);
  }
});

test.run();
