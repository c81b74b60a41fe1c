/**
 * A loopback proxy in front of moto that breaks answers on purpose, the way a
 * hostile network or a failing service would: per operation (or every one)
 * and by rate. The operation is read from the request as bench/proxy.ts does
 * (X-Amz-Target for JSON protocols, the Action form field for query ones, the
 * method and sub-resource for S3).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { classify, throttleResponse, type Classified } from '../../bench/proxy.js';

export const FAULTS = [
  'http-500',
  'http-503',
  'throttle',
  'reset',
  'hang',
  'empty-200',
  'truncated',
  'garbled',
  'denied',
] as const;
export type Fault = (typeof FAULTS)[number];

/** Faults that the SDK retries, so a rate below 1 may be retried away. */
export const RETRIED: ReadonlySet<Fault> = new Set(['http-500', 'http-503', 'throttle', 'reset']);

export interface FaultRule {
  /** Classified operation (`ec2:DescribeRegions`, `s3:GET?policy`) or `*` for every one. */
  operation: string;
  fault: Fault;
  /** Share of matching requests that get the fault (default 1). */
  rate?: number;
}

export interface FaultProxy {
  url: string;
  /** Replaces the faults; [] forwards everything untouched. */
  set(rules: FaultRule[]): void;
  /** Operations seen since the last reset, with how many were faulted. */
  seen: Map<string, { requests: number; faulted: number }>;
  close(): Promise<void>;
}

function denied(c: Classified): { status: number; headers: Record<string, string>; body: string } {
  const message = `User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: ${c.operation}`;
  switch (c.protocol) {
    case 'ec2':
      return { status: 403, headers: { 'content-type': 'text/xml' }, body: `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>${message}</Message></Error></Errors><RequestID>f</RequestID></Response>` };
    case 'query':
      return { status: 403, headers: { 'content-type': 'text/xml' }, body: `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${message}</Message></Error><RequestId>f</RequestId></ErrorResponse>` };
    case 'json':
      return { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'AccessDeniedException' }, body: JSON.stringify({ __type: 'AccessDeniedException', message }) };
    case 's3':
      return { status: 403, headers: { 'content-type': 'application/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>f</RequestId></Error>` };
    case 'rest-json':
      return { status: 403, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' }, body: JSON.stringify({ message }) };
  }
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstreamUrl = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let rules: FaultRule[] = [];
  const seen = new Map<string, { requests: number; faulted: number }>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const c = classify(req, body.toString('utf8'));
      const count = seen.get(c.operation) ?? { requests: 0, faulted: 0 };
      seen.set(c.operation, count);
      count.requests++;
      const rule = rules.find((r) => (r.operation === '*' || r.operation === c.operation) && Math.random() < (r.rate ?? 1));
      if (rule) count.faulted++;
      const fault = rule?.fault;

      if (fault === 'hang') return; // never answers; the client must give up
      if (fault === 'reset') return req.socket.destroy();
      if (fault === 'http-500' || fault === 'http-503') {
        const status = fault === 'http-500' ? 500 : 503;
        return res.writeHead(status, { 'content-type': 'text/html' }).end(`<html><body><h1>${status}</h1></body></html>`);
      }
      if (fault === 'throttle') {
        const t = throttleResponse(c);
        return res.writeHead(t.status, t.headers).end(t.body);
      }
      if (fault === 'denied') {
        const d = denied(c);
        return res.writeHead(d.status, d.headers).end(d.body);
      }
      const upstream = http.request(
        { host: upstreamUrl.hostname, port: upstreamUrl.port, method: req.method, path: req.url, headers: req.headers, agent },
        (response) => {
          const parts: Buffer[] = [];
          response.on('data', (p: Buffer) => parts.push(p));
          response.on('end', () => {
            let answer = Buffer.concat(parts);
            const status = response.statusCode ?? 502;
            const headers = { ...response.headers };
            delete headers['content-length'];
            delete headers['transfer-encoding'];
            delete headers['content-md5'];
            delete headers['x-amz-crc32'];
            if (fault && status < 300) {
              if (fault === 'empty-200') answer = Buffer.alloc(0);
              else if (fault === 'truncated') answer = answer.subarray(0, Math.floor(answer.length / 2));
              else if (fault === 'garbled') answer = Buffer.from(answer.toString('utf8').replace(/[<>{}"]/g, (ch) => ({ '<': '{', '>': '}', '{': '<', '}': '>', '"': "'" })[ch] ?? ch));
            }
            res.writeHead(fault === 'empty-200' ? 200 : status, { ...headers, 'content-length': String(answer.length) }).end(answer);
          });
        },
      );
      upstream.on('error', (error) => res.writeHead(502).end(String(error)));
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    set(next) {
      rules = next;
      seen.clear();
    },
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
