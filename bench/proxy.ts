/**
 * A loopback proxy in front of moto that behaves like AWS under load: every
 * request waits a configurable latency, and requests beyond a per-service (or
 * per-operation), per-Region token bucket get the throttling error that
 * service really returns, in its own wire protocol. The buckets use the rates
 * of src/data/rate-limits.ts (AWS's published quotas, or stated assumptions
 * where AWS publishes none) at 100%.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PUBLISHED_LIMITS, limitFor, type RateLimit } from '../src/data/rate-limits.js';

export interface ProxyOptions {
  target: string;
  latencyMs: number;
  limits?: Readonly<Record<string, RateLimit>>;
  /**
   * Answers for services moto does not implement, by service prefix: the proxy
   * replies itself (after rate limiting and latency) instead of forwarding.
   */
  standIns?: Readonly<Record<string, (c: Classified) => { status: number; headers: Record<string, string>; body: string }>>;
}

/** moto has no IAM Access Analyzer: the benchmark account has no analyzers in any Region. */
export const NO_ANALYZERS = { 'access-analyzer': () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ analyzers: [] }) }) };

export interface ProxyStats {
  requests: number;
  throttled: number;
  /** Time moto took to answer forwarded requests, summed (its own work, latency excluded). */
  upstreamMs: number;
  forwarded: number;
  byOperation: Record<string, { requests: number; throttled: number }>;
}

export interface ThrottlingProxy {
  url: string;
  stats: ProxyStats;
  close(): Promise<void>;
}

/** SigV4 scope service name -> hubcheck's service prefix. */
const SCOPE_SERVICE: Record<string, string> = { monitoring: 'cloudwatch', 'access-analyzer': 'access-analyzer' };

export interface Classified {
  service: string;
  region: string;
  operation: string;
  protocol: 'query' | 'ec2' | 'json' | 'rest-json' | 's3';
}

export function classify(req: http.IncomingMessage, body: string): Classified {
  const auth = String(req.headers.authorization ?? '');
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  const region = scope?.[1] ?? 'us-east-1';
  let service = SCOPE_SERVICE[scope?.[2] ?? ''] ?? scope?.[2] ?? 'unknown';
  const url = req.url ?? '/';
  if (service === 's3' && url.startsWith('/v20180820/')) service = 's3control';
  const contentType = String(req.headers['content-type'] ?? '');
  const target = String(req.headers['x-amz-target'] ?? '');
  if (contentType.includes('x-www-form-urlencoded')) {
    const action = new URLSearchParams(body).get('Action') ?? 'Unknown';
    return { service, region, operation: `${service}:${action}`, protocol: service === 'ec2' ? 'ec2' : 'query' };
  }
  if (target) return { service, region, operation: `${service}:${target.split('.').pop()}`, protocol: 'json' };
  if (service === 's3' || service === 's3control') {
    const query = url.includes('?') ? (url.split('?')[1] ?? '').split('&')[0]?.split('=')[0] : '';
    return { service, region, operation: `${service}:${req.method}${query ? `?${query}` : ''}`, protocol: 's3' };
  }
  return { service, region, operation: `${service}:${req.method} ${url.split('?')[0]?.split('/').slice(0, 3).join('/')}`, protocol: 'rest-json' };
}

/** The error AWS answers when a caller is over its rate, in the caller's protocol. */
export function throttleResponse(c: Classified): { status: number; headers: Record<string, string>; body: string } {
  const requestId = `bench-${Math.random().toString(16).slice(2)}`;
  switch (c.protocol) {
    case 'ec2':
      return {
        status: 503,
        headers: { 'content-type': 'text/xml' },
        body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
    case 'query':
      return {
        status: 400,
        headers: { 'content-type': 'text/xml' },
        body: `<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case 'json':
      return {
        status: 400,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-errortype': 'ThrottlingException',
          'x-amzn-query-error': 'Throttling;Sender',
          'x-amzn-requestid': requestId,
        },
        body: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }),
      };
    case 's3':
      return {
        status: 503,
        headers: { 'content-type': 'application/xml' },
        body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>${requestId}</RequestId></Error>`,
      };
    case 'rest-json':
      return {
        status: 429,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ message: 'Rate exceeded' }),
      };
  }
}

/** A bucket that never waits: `tryTake` answers whether a token was there. */
class InstantBucket {
  private tokens: number;
  private last = performance.now();
  constructor(private readonly limit: RateLimit) {
    this.tokens = limit.burst;
  }
  tryTake(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * The per-caller, per-service (or per-operation), per-Region token buckets of
 * AWS's rate limits. `account` keys the buckets per account: each AWS account
 * has its own quotas (the proxy, in front of one moto account, passes none).
 */
export class RateGate {
  private readonly buckets = new Map<string, InstantBucket>();
  constructor(private readonly limits: Readonly<Record<string, RateLimit>> = PUBLISHED_LIMITS) {}
  /** Whether this request is within its rate (takes a token when it is). */
  allow(c: Classified, account = ''): boolean {
    const found = limitFor(c.operation, this.limits);
    if (!found) return true;
    const key = `${account}/${found.key}/${c.region}`;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new InstantBucket(found.limit)));
    return bucket.tryTake();
  }
}

export async function startProxy(options: ProxyOptions): Promise<ThrottlingProxy> {
  const gate = new RateGate(options.limits ?? PUBLISHED_LIMITS);
  const target = new URL(options.target);
  const stats: ProxyStats = { requests: 0, throttled: 0, upstreamMs: 0, forwarded: 0, byOperation: {} };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const c = classify(req, body.toString('utf8'));
      const allowed = gate.allow(c);
      stats.requests++;
      const op = (stats.byOperation[c.operation] ??= { requests: 0, throttled: 0 });
      op.requests++;
      setTimeout(() => {
        if (!allowed) {
          stats.throttled++;
          op.throttled++;
          const t = throttleResponse(c);
          res.writeHead(t.status, t.headers).end(t.body);
          return;
        }
        const standIn = options.standIns?.[c.service];
        if (standIn) {
          const answer = standIn(c);
          res.writeHead(answer.status, answer.headers).end(answer.body);
          return;
        }
        const sent = performance.now();
        const upstream = http.request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
          (response) => {
            res.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(res);
            response.on('end', () => {
              stats.forwarded++;
              stats.upstreamMs += performance.now() - sent;
            });
          },
        );
        upstream.on('error', (error) => res.writeHead(502).end(String(error)));
        upstream.end(body);
      }, options.latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
