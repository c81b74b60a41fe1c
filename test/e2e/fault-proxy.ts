/**
 * A loopback proxy in front of moto that breaks answers on purpose, the way a
 * hostile network or a failing service would: per IAM action (or every one)
 * and by rate. The action is read from the request (request-action.ts): the
 * Action form field or X-Amz-Target, or the SDK's HTTP route for REST APIs.
 *
 * Where moto has no backend for a read the rules make (IAM Access Analyzer,
 * iam:ListOrganizationsFeatures), the proxy answers itself, as AWS would for an
 * account with no analyzers and centralized root access enabled, so that a
 * fault there changes a real verdict.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { throttleResponse, type Classified } from '../../bench/proxy.js';
import { requestAction } from './request-action.js';

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
  /** IAM action of the request (`ec2:DescribeRegions`, `s3:GetBucketPolicy`), or `*` for every one. */
  action: string;
  /** With `*`: actions left alone. */
  except?: readonly string[];
  fault: Fault;
  /** Share of matching requests that get the fault (default 1). */
  rate?: number;
}

export interface FaultProxy {
  url: string;
  /** Replaces the faults; [] forwards everything untouched. */
  set(rules: FaultRule[]): void;
  /** Actions seen since the last set() (a REST request no route matches: `? METHOD /path`), with how many were faulted. */
  seen: Map<string, { requests: number; faulted: number }>;
  close(): Promise<void>;
}

type Answer = { status: number; headers: Record<string, string>; body: string };

/** Answers for reads moto does not implement, by IAM action. */
const STAND_INS: Record<string, () => Answer> = {
  'access-analyzer:ListAnalyzers': () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ analyzers: [] }) }),
  'iam:ListOrganizationsFeatures': () => ({
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body:
      '<ListOrganizationsFeaturesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListOrganizationsFeaturesResult>' +
      '<OrganizationId>o-a1b2c3d4e5</OrganizationId><EnabledFeatures><member>RootCredentialsManagement</member><member>RootSessions</member></EnabledFeatures>' +
      '</ListOrganizationsFeaturesResult><ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata></ListOrganizationsFeaturesResponse>',
  }),
};

/** A body broken the way a fault says (an empty body always comes with HTTP 200). */
function breakBody(answer: Buffer, fault: Fault | undefined): Buffer {
  if (fault === 'empty-200') return Buffer.alloc(0);
  if (fault === 'truncated') return answer.subarray(0, Math.floor(answer.length / 2));
  if (fault === 'garbled') return Buffer.from(answer.toString('utf8').replace(/[<>{}"]/g, (ch) => ({ '<': '{', '>': '}', '{': '<', '}': '>', '"': "'" })[ch] ?? ch));
  return answer;
}

function denied(c: Classified): Answer {
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
      const c = requestAction(req, body.toString('utf8'));
      const key = c.action ?? `? ${req.method} ${c.operation}`;
      const count = seen.get(key) ?? { requests: 0, faulted: 0 };
      seen.set(key, count);
      count.requests++;
      const matches = (r: FaultRule) => (r.action === '*' ? !r.except?.includes(key) : r.action === key);
      const rule = rules.find((r) => matches(r) && Math.random() < (r.rate ?? 1));
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
      const answer = (status: number, headers: http.IncomingHttpHeaders, raw: Buffer) => {
        const out = { ...headers };
        delete out['content-length'];
        delete out['transfer-encoding'];
        delete out['content-md5'];
        delete out['x-amz-crc32'];
        // A broken error answer keeps no error type in its headers either: it must say no more than its body.
        if (status >= 300 && (fault === 'truncated' || fault === 'garbled')) {
          delete out['x-amzn-errortype'];
          delete out['x-amzn-query-error'];
        }
        const sent = breakBody(raw, fault);
        res.writeHead(fault === 'empty-200' ? 200 : status, { ...out, 'content-length': String(sent.length) }).end(sent);
      };
      const standIn = c.action ? STAND_INS[c.action] : undefined;
      if (standIn) {
        const s = standIn();
        return answer(s.status, s.headers, Buffer.from(s.body));
      }
      const upstream = http.request(
        { host: upstreamUrl.hostname, port: upstreamUrl.port, method: req.method, path: req.url, headers: req.headers, agent },
        (response) => {
          const parts: Buffer[] = [];
          response.on('data', (p: Buffer) => parts.push(p));
          response.on('end', () => answer(response.statusCode ?? 502, response.headers, Buffer.concat(parts)));
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
