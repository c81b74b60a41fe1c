/**
 * Deadlines against a real loopback HTTP server (middleware does not run under
 * aws-sdk-client-mock): a server that never answers is really aborted, endless
 * 500s end after the attempt cap with a clean message, and every retry is told.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { loopbackPool } from '../helpers/loopback-pool.js';
import { CallDeadline, CallTimedOut, callLimits, scanDeadline, type RetryNote } from '../../src/data/deadlines.js';
import { toDataUnavailable } from '../../src/data/accessor.js';
import { DataUnavailable } from '../../src/data/errors.js';

type Mode = 'hang' | 'html500' | 'hang-body' | 'ok';
let mode: Mode = 'hang';
let requests = 0;
let open = 0;
const server = http.createServer((req, res) => {
  requests++;
  open++;
  res.on('close', () => open--);
  req.resume();
  if (mode === 'ok') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"analyzers": []}');
  } else if (mode === 'html500') {
    res.writeHead(500, { 'content-type': 'text/html' });
    res.end('<html><body>Internal error</body></html>');
  } else if (mode === 'hang-body') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('{"analyzers": [');
  }
  // 'hang': headers never sent
});
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function call(limits: { callTimeout?: number; maxAttempts?: number }, signal?: AbortSignal) {
  const retries: RetryNote[] = [];
  let ended = 0;
  const { pool, close } = loopbackPool(url, {
    limits: callLimits(limits),
    signal,
    onRetry: (note) => retries.push(note),
    afterCall: () => ended++,
  });
  const started = Date.now();
  try {
    await pool.get(AccessAnalyzerClient, 'us-east-1').send(new ListAnalyzersCommand({}));
    throw new Error(`the call should have failed (it ended ${ended} time(s))`);
  } catch (error) {
    return { error: toDataUnavailable(error, 'x', 'us-east-1'), ms: Date.now() - started, retries, ended };
  } finally {
    close();
  }
}

describe('call deadlines', () => {
  it('aborts a request whose server never answers, at the call timeout, and closes its socket', async () => {
    mode = 'hang';
    const { error, ms } = await call({ callTimeout: 1, maxAttempts: 3 });
    expect(error).toBeInstanceOf(DataUnavailable);
    expect(error.reason).toBe('timed-out');
    expect(error.action).toBe('access-analyzer:ListAnalyzers');
    expect(error.describe()).toMatch(/^access-analyzer:ListAnalyzers in us-east-1 timed out: no answer within 1 s/);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(3000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(open).toBe(0);
  });

  it('tells afterCall of a call that was answered', async () => {
    mode = 'ok';
    let ended = 0;
    const { pool, close } = loopbackPool(url, { afterCall: () => ended++ });
    try {
      const answer = await pool.get(AccessAnalyzerClient, 'us-east-1').send(new ListAnalyzersCommand({}));
      expect(answer.analyzers).toEqual([]);
      expect(ended).toBe(1);
    } finally {
      close();
    }
  });

  it('aborts a body that starts and never finishes', async () => {
    mode = 'hang-body';
    const { error, ms } = await call({ callTimeout: 1, maxAttempts: 1 });
    expect(error.reason).toBe('timed-out');
    expect(ms).toBeLessThan(3000);
  });

  it('stops endless 500s after the attempt cap, with a clean message and a retry note per retry', async () => {
    mode = 'html500';
    requests = 0;
    const { error, retries, ended } = await call({ callTimeout: 20, maxAttempts: 3 });
    expect(requests).toBe(3);
    // The pool's afterCall hook (where the scan relieves the heap) runs once per call, not per attempt.
    expect(ended).toBe(1);
    expect(error.reason).toBe('service-error');
    expect(error.describe()).toBe('access-analyzer:ListAnalyzers in us-east-1: HTTP 500 after 3 attempts');
    expect(retries.map((r) => `${r.cause} ${r.attempt}/${r.maxAttempts}`)).toEqual(['HTTP 500 1/3', 'HTTP 500 2/3']);
  });

  it("the scan's deadline ends a call that its own budget would still allow", async () => {
    mode = 'hang';
    const deadline = scanDeadline(1);
    const { error, ms } = await call({ callTimeout: 60 }, deadline.signal);
    deadline.dispose();
    expect(error.reason).toBe('timed-out');
    expect(error.message).toMatch(/--timeout/);
    expect(ms).toBeLessThan(3000);
  });

  it('a dead endpoint fails within seconds, naming it', async () => {
    const dead = http.createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((resolve) => dead.close(resolve));
    const saved = url;
    url = `http://127.0.0.1:${port}`;
    try {
      const { error, ms } = await call({ callTimeout: 30, maxAttempts: 3 });
      expect(error.code).toBe('ECONNREFUSED');
      expect(error.describe()).toContain(`127.0.0.1:${port}`);
      expect(ms).toBeLessThan(5000);
    } finally {
      url = saved;
    }
  });
});

describe('the call clock and the wait for a turn', () => {
  const limits = { callTimeoutMs: 300, maxAttempts: 2, connectTimeoutMs: 100 };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('does not count the wait before the first attempt (adaptive retry holding a request back), then counts what is left', async () => {
    const deadline = new CallDeadline({ operation: 'iam:GetAccountSummary', region: 'us-east-1', limits });
    const outcome = deadline.run(async () => {
      deadline.holdForTurn();
      await sleep(450); // longer than the whole budget, waiting for a send token
      expect(deadline.expired).toBe(false);
      deadline.tagRequest({});
      await sleep(450); // the attempt itself then has the budget that was left, no more
      return 'answered';
    });
    await expect(outcome).rejects.toBeInstanceOf(CallTimedOut);
    deadline.dispose();
  });

  it('keeps counting once an attempt went out: a retry waiting for its turn is inside the budget', async () => {
    const deadline = new CallDeadline({ operation: 'iam:GetAccountSummary', region: 'us-east-1', limits });
    const outcome = deadline.run(async () => {
      deadline.tagRequest({});
      deadline.holdForTurn();
      await sleep(450);
      return 'answered';
    });
    await expect(outcome).rejects.toBeInstanceOf(CallTimedOut);
    deadline.dispose();
  });
});
