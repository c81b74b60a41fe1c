/**
 * A fast local stand-in for AWS serving a whole organization for the bench:
 * every member account is a FakeAccount of one Shape, answers are generated
 * from it (bench/fake/answers.ts), and requests pay the same latency and meet
 * the same per-account, per-service, per-Region rate limits and throttling
 * errors as bench/proxy.ts (its RateGate and throttleResponse). STS AssumeRole
 * hands out credentials whose access key encodes the account, so every later
 * request says which account it is for; the caller's own credentials are the
 * management account's. An operation the fake does not know is answered 501
 * and counted in `stats.unknown`: the bench fails on it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RateLimit } from '../../src/data/rate-limits.js';
import { RateGate, classify, throttleResponse } from '../proxy.js';
import type { Shape } from '../seed.js';
import { fakeAccount, type FakeAccount } from './account.js';
import { HANDLERS, accountOfAccessKey, type Answer } from './answers.js';

export interface FakeOptions {
  shape: Shape;
  /** The member accounts, reached by AssumeRole. */
  members: readonly string[];
  /** The caller's account (the organization's management account). */
  management: string;
  latencyMs: number;
  limits?: Readonly<Record<string, RateLimit>>;
}

export interface FakeStats {
  requests: number;
  throttled: number;
  byOperation: Record<string, number>;
  /** Requests answered per account (throttled ones included). */
  byAccount: Map<string, number>;
  /** Operations the fake cannot answer, with how often they were asked. */
  unknown: Record<string, number>;
  /** Epoch milliseconds of the first request received and the last answer sent. */
  firstRequestAt?: number;
  lastAnswerAt?: number;
}

export interface FakeEndpoint {
  url: string;
  stats: FakeStats;
  close(): Promise<void>;
}

/** Bench member account ids: 100000000000, 100000000001, ... */
export const memberIds = (n: number, first = 100_000_000_000): string[] => Array.from({ length: n }, (_, i) => String(first + i));
export const MANAGEMENT_ACCOUNT = '999999999999';

const epochMs = () => performance.timeOrigin + performance.now();

export async function startFake(options: FakeOptions): Promise<FakeEndpoint> {
  const gate = new RateGate(options.limits);
  const created = new Date(Math.floor(Date.now() / 1000) * 1000);
  const accounts = new Map<string, FakeAccount>();
  const reportStarted = new Set<string>();
  const known = new Set([options.management, ...options.members]);
  const org = { management: options.management, members: options.members };
  const stats: FakeStats = { requests: 0, throttled: 0, byOperation: {}, byAccount: new Map(), unknown: {} };
  const accountFor = (id: string) => {
    let a = accounts.get(id);
    if (!a) accounts.set(id, (a = fakeAccount(id, options.shape, created)));
    return a;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      stats.firstRequestAt ??= epochMs();
      const text = Buffer.concat(chunks).toString('utf8');
      const c = classify(req, text);
      const key = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
      const accountId = accountOfAccessKey(key) ?? options.management;
      stats.requests++;
      stats.byOperation[c.operation] = (stats.byOperation[c.operation] ?? 0) + 1;
      stats.byAccount.set(accountId, (stats.byAccount.get(accountId) ?? 0) + 1);
      const allowed = gate.allow(c, accountId);
      const send = (answer: Answer) => {
        res.writeHead(answer.status, answer.headers).end(answer.body);
        stats.lastAnswerAt = epochMs();
      };
      setTimeout(() => {
        if (!allowed) {
          stats.throttled++;
          send(throttleResponse(c));
          return;
        }
        const handler = HANDLERS[c.operation];
        if (!handler || !known.has(accountId)) {
          const what = handler ? `account ${accountId}` : `operation ${c.operation}`;
          if (!handler) stats.unknown[c.operation] = (stats.unknown[c.operation] ?? 0) + 1;
          send({ status: 501, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'NotImplemented' }, body: JSON.stringify({ message: `the bench's fake endpoint has no ${what}` }) });
          return;
        }
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
        const isForm = String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded');
        let json: Record<string, unknown> = {};
        if (!isForm && text.startsWith('{')) json = JSON.parse(text) as Record<string, unknown>;
        if (c.operation === 'iam:GenerateCredentialReport') {
          const started = reportStarted.has(accountId);
          reportStarted.add(accountId);
          send(handler({ account: accountFor(accountId), region: c.region, params: query, json, path, org, reportStarted: started }));
          return;
        }
        send(handler({ account: accountFor(accountId), region: c.region, params: isForm ? new URLSearchParams(text) : query, json, path, org, reportStarted: reportStarted.has(accountId) }));
      }, options.latencyMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
