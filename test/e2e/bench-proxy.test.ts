/**
 * The benchmark's throttling proxy in front of moto: it answers over-rate
 * requests with each service's real throttling error, which the SDK must
 * recognise as throttling, and hubcheck's clients must retry to success.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { startProxy, type ThrottlingProxy } from '../../bench/proxy.js';
import { ApiStats } from '../../src/data/api-stats.js';
import { ClientPool, createHttpHandler, isThrottlingError } from '../../src/data/clients.js';
import { DUMMY, MOTO_URL, describeMoto, resetMoto } from './moto.js';

const tight = { rate: 0.5, burst: 2, source: 'test' };

describeMoto('throttling proxy', () => {
  let proxy: ThrottlingProxy;
  beforeAll(async () => {
    await resetMoto();
    proxy = await startProxy({
      target: MOTO_URL,
      latencyMs: 5,
      limits: { iam: tight, ec2: { ...tight, per: 'operation' }, 'kms:ListKeys': tight, s3: tight, cloudwatch: tight },
    });
  });
  afterAll(() => proxy.close());

  const raw = <C>(Client: new (c: object) => C, extra: object = {}) =>
    new Client({ region: 'eu-west-1', endpoint: proxy.url, credentials: DUMMY, maxAttempts: 1, ...extra });

  it.each([
    ['iam (query)', () => raw(IAMClient).send(new GetAccountSummaryCommand({})), 'Throttling'],
    ['ec2 (ec2 query)', () => raw(EC2Client).send(new DescribeVpcsCommand({})), 'RequestLimitExceeded'],
    ['kms (json)', () => raw(KMSClient).send(new ListKeysCommand({})), 'ThrottlingException'],
    ['s3 (rest-xml)', () => raw(S3Client, { forcePathStyle: true }).send(new ListBucketsCommand({})), 'SlowDown'],
    // CloudWatch speaks JSON 1.0 but keeps its query-era error codes (x-amzn-query-error).
    ['cloudwatch (json 1.0, query-compatible)', () => raw(CloudWatchClient).send(new DescribeAlarmsCommand({})), 'Throttling'],
  ] as const)('answers %s beyond its burst with the service throttling error', async (_name, call, code) => {
    const results = await Promise.allSettled([call(), call(), call(), call()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect([r.reason.name, r.reason.Code]).toContain(code);
      expect(isThrottlingError(r.reason)).toBe(true);
    }
  });

  it('lets hubcheck clients finish every call through retries and counts the throttles', async () => {
    const stats = new ApiStats();
    const handler = createHttpHandler();
    const pool = new ClientPool({
      credentials: DUMMY,
      stats,
      httpHandler: handler,
      endpoint: proxy.url,
      rateLimits: false,
      maxAttempts: 10,
    });
    pool.setAccount('123456789012');
    const iam = pool.get(IAMClient, 'us-west-2');
    const out = await Promise.all([1, 2, 3, 4].map(() => iam.send(new GetAccountSummaryCommand({}))));
    expect(out).toHaveLength(4);
    const s = stats.snapshot();
    expect(s.calls).toBe(4);
    expect(s.throttles).toBeGreaterThan(0);
    expect(s.attempts).toBe(s.calls + s.throttles);
    handler.destroy();
  });

  it("times moto's own answers: every request it forwarded, none it throttled", async () => {
    const before = { ...proxy.stats };
    const client = raw(KMSClient, { region: 'ap-south-1' });
    const results = await Promise.allSettled([1, 2, 3].map(() => client.send(new ListKeysCommand({}))));
    const answered = results.filter((r) => r.status === 'fulfilled').length;
    expect(answered).toBe(2);
    expect(proxy.stats.forwarded - before.forwarded).toBe(answered);
    expect(proxy.stats.throttled - before.throttled).toBe(1);
    expect(proxy.stats.upstreamMs).toBeGreaterThan(before.upstreamMs);
  });

  it('keeps hubcheck under the rate when its limits are the published ones, where an unlimited client is throttled', async () => {
    const published = { iam: { rate: 5, burst: 2, source: 'test' } };
    const own = await startProxy({ target: MOTO_URL, latencyMs: 5, limits: published });
    const handler = createHttpHandler();
    const run = async (rateLimits: typeof published | false) => {
      const stats = new ApiStats();
      const pool = new ClientPool({ credentials: DUMMY, stats, httpHandler: handler, endpoint: own.url, rateLimits });
      await Promise.all(Array.from({ length: 8 }, () => pool.get(IAMClient, 'ap-south-1').send(new GetAccountSummaryCommand({}))));
      pool.destroy();
      return stats.snapshot();
    };
    const polite = await run(published);
    expect(polite).toMatchObject({ calls: 8, throttles: 0 });
    await new Promise((r) => setTimeout(r, 1000)); // let the proxy's bucket refill
    const greedy = await run(false);
    expect(greedy.calls).toBe(8);
    expect(greedy.throttles).toBeGreaterThan(0);
    handler.destroy();
    await own.close();
  });
});
