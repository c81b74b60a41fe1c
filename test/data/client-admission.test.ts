/**
 * A client pool admits at most twice its per-(service, Region) concurrency into
 * the SDK at once; the rest wait before the SDK builds anything for them.
 */
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { loopbackPool, loopbackServer } from '../helpers/loopback-pool.js';

let held: http.ServerResponse[] = [];
let served = 0;
const server = loopbackServer((req, res) => {
  req.resume();
  held.push(res);
});
const answer = (res: http.ServerResponse) => {
  served++;
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"analyzers": []}');
};

beforeAll(() => server.start());
afterAll(() => server.stop());

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('client pool admission', () => {
  it('lets twice the concurrency into the SDK, queues the rest ahead of it, and answers every call', async () => {
    held = [];
    served = 0;
    const { pool, stats, close } = loopbackPool(server.url, { apiConcurrency: 3 });
    try {
      const client = pool.get(AccessAnalyzerClient, 'us-east-1');
      const calls = Array.from({ length: 40 }, () => client.send(new ListAnalyzersCommand({})));
      await until(() => held.length >= 3);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // 3 on the wire (the limiter), 3 more inside the SDK waiting for a turn, 34 not yet in the SDK.
      expect(held.length).toBe(3);
      expect(stats.snapshot().calls).toBe(6);
      while (served < 40) {
        await until(() => held.length > 0);
        for (const res of held.splice(0)) answer(res);
      }
      const answers = await Promise.all(calls);
      expect(answers.every((a) => Array.isArray(a.analyzers))).toBe(true);
      expect(stats.snapshot().calls).toBe(40);
    } finally {
      close();
    }
  });
});
