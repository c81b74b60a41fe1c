/** --notify: the payload, retries with backoff on 429/5xx/network errors, and failures that never throw. Local server on 127.0.0.1 only. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryDelta } from '../../src/history/delta.js';
import { notificationPayload, redactUrl, sendNotification } from '../../src/notify/webhook.js';
import { finding } from '../helpers/findings.js';

interface Hit {
  body: unknown;
  contentType: string | undefined;
  at: number;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A webhook on 127.0.0.1 that answers with the given statuses in turn (the last one repeats). */
async function webhook(statuses: (number | [number, Record<string, string>])[]): Promise<{ url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      hits.push({ body: JSON.parse(data), contentType: req.headers['content-type'], at: Date.now() });
      const answer = statuses[Math.min(hits.length - 1, statuses.length - 1)]!;
      const [status, headers] = Array.isArray(answer) ? answer : [answer, {}];
      res.writeHead(status, headers).end('ok');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret-token`, hits };
}

const findings = [
  finding({ resource: 'sg-new', name: 'default (sg-new)', reason: 'Open <to> & everyone' }),
  finding({ rule: 'iam-root-mfa-enabled', control: 'IAM.9', severity: 'CRITICAL', resource: 'acct' }),
  finding({ resource: 'sg-old', name: 'old' }),
  finding({ resource: 'sg-ok', status: 'PASSED' }),
];
const delta: HistoryDelta = {
  stateFile: 's',
  scanId: 2,
  previousScan: { id: 1, startedAt: '2026-11-26T00:00:00Z' },
  new: [findings[0]!.Id!],
  reopened: [findings[1]!.Id!],
  resolved: [],
  suppressed: [],
  unsuppressed: [],
  trend: [],
};
const payload = notificationPayload(findings, delta, { startedAt: '2026-11-27T00:00:00Z', accounts: ['123456789012'] });
const fast = { baseDelayMs: 20, attempts: 4 };

describe('notificationPayload', () => {
  it('carries only new and reopened failing findings, most severe first, with Slack-escaped text', () => {
    expect(payload.findings.map((f) => [f.control, f.change])).toEqual([
      ['IAM.9', 'REOPENED'],
      ['EC2.2', 'NEW'],
    ]);
    expect(payload.text.split('\n')[0]).toBe('hubcheck: 2 new failing findings in 123456789012 (1 CRITICAL, 1 HIGH)');
    expect(payload.text).toContain('• *HIGH* EC2.2 default (sg-new) (us-east-1): Open &lt;to&gt; &amp; everyone');
    expect(payload.text).toContain('[reopened]');
    expect(payload.scan).toMatchObject({ new: 1, reopened: 1 });
  });

  it('without history, every failing finding is new', () => {
    expect(notificationPayload(findings, undefined, { startedAt: 'x', accounts: [] }).findings).toHaveLength(3);
  });
});

describe('sendNotification', () => {
  it('posts JSON once when the webhook accepts it', async () => {
    const hook = await webhook([200]);
    const result = await sendNotification(hook.url, payload, fast);
    expect(result).toEqual({ target: `${new URL(hook.url).origin}/…`, status: 'sent', findings: 2, attempts: 1, httpStatus: 200 });
    expect(hook.hits).toHaveLength(1);
    expect(hook.hits[0]!.contentType).toBe('application/json');
    expect(hook.hits[0]!.body).toEqual(payload);
  });

  it('retries 429 and 5xx with growing delays, honouring Retry-After', async () => {
    const hook = await webhook([[429, { 'retry-after': '0' }], 503, 500, 200]);
    const result = await sendNotification(hook.url, payload, fast);
    expect(result).toMatchObject({ status: 'sent', attempts: 4 });
    const gaps = hook.hits.slice(1).map((h, i) => h.at - hook.hits[i]!.at);
    expect(gaps[0]).toBeLessThan(gaps[2]!); // Retry-After: 0, then 40 ms, then 80 ms
    expect(gaps[2]).toBeGreaterThanOrEqual(70);
  });

  it('gives up after the last attempt and reports the status, without throwing', async () => {
    const hook = await webhook([502]);
    expect(await sendNotification(hook.url, payload, fast)).toMatchObject({ status: 'failed', attempts: 4, httpStatus: 502, error: 'HTTP 502' });
    expect(hook.hits).toHaveLength(4);
  });

  it('does not retry a client error other than 408 and 429', async () => {
    const hook = await webhook([404]);
    expect(await sendNotification(hook.url, payload, fast)).toMatchObject({ status: 'failed', attempts: 1, httpStatus: 404 });
  });

  it('retries network errors (nothing listening) and reports them', async () => {
    const hook = await webhook([200]);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const result = await sendNotification(hook.url, payload, { ...fast, attempts: 2 });
    expect(result).toMatchObject({ status: 'failed', attempts: 2, error: 'ECONNREFUSED' });
  });

  it('times out a webhook that never answers', async () => {
    const server = http.createServer(() => undefined);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const result = await sendNotification(url, payload, { attempts: 1, timeoutMs: 200 });
    expect(result).toMatchObject({ status: 'failed', error: 'timed out' });
    server.closeAllConnections();
  });

  it('posts nothing when nothing is new', async () => {
    const hook = await webhook([200]);
    const none = notificationPayload(findings, { ...delta, new: [], reopened: [] }, { startedAt: 'x', accounts: [] });
    expect(await sendNotification(hook.url, none, fast)).toMatchObject({ status: 'skipped', attempts: 0 });
    expect(hook.hits).toHaveLength(0);
  });
});

describe('redactUrl', () => {
  it('keeps only the origin: a webhook path is its secret', () => {
    expect(redactUrl('https://hooks.example.com/services/T0/B0/XYZ')).toBe('https://hooks.example.com/…');
    expect(redactUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(redactUrl('not a url')).toBe('(not a URL)');
  });
});
