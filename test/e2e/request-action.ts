/**
 * The IAM action behind one HTTP request to moto, as a proxy in front of it sees
 * the request: what the fault proxy faults by, and what the rules' declared
 * `requiredActions` name.
 *
 * Query and JSON protocols name their operation in the request (`Action=`,
 * `X-Amz-Target`). REST protocols (S3, EFS, Macie, Security Hub, ...) are matched
 * against the HTTP route each operation declares in its AWS SDK schema (method,
 * path template, literal query keys), so a new REST operation needs no table
 * here: only its SDK module in REST_MODULES. The operation becomes an IAM action
 * with the data layer's own table (src/data/actions.ts).
 */
import type http from 'node:http';
import * as accessAnalyzer from '@aws-sdk/client-accessanalyzer';
import * as account from '@aws-sdk/client-account';
import * as apiGateway from '@aws-sdk/client-api-gateway';
import * as apiGatewayV2 from '@aws-sdk/client-apigatewayv2';
import * as cloudFront from '@aws-sdk/client-cloudfront';
import * as efs from '@aws-sdk/client-efs';
import * as lambda from '@aws-sdk/client-lambda';
import * as macie2 from '@aws-sdk/client-macie2';
import * as s3 from '@aws-sdk/client-s3';
import * as s3Control from '@aws-sdk/client-s3-control';
import * as securityHub from '@aws-sdk/client-securityhub';
import { iamActionFor } from '../../src/data/actions.js';
import { classify, type Classified } from '../../bench/proxy.js';

/** SDK modules of the REST-protocol services, by the service name `classify` gives (the SigV4 scope). */
const REST_MODULES: Record<string, readonly object[]> = {
  'access-analyzer': [accessAnalyzer],
  account: [account],
  apigateway: [apiGateway, apiGatewayV2],
  cloudfront: [cloudFront],
  elasticfilesystem: [efs],
  lambda: [lambda],
  macie2: [macie2],
  s3: [s3],
  s3control: [s3Control],
  securityhub: [securityHub],
};

interface Route {
  operation: string;
  method: string;
  path: RegExp;
  /** Literal length of the path template: the more, the more specific. */
  literal: number;
  /** Query keys (and values, when the template gives one) the request must carry. */
  query: [string, string][];
  /** The template's `x-id`, when the SDK sends one: decisive when the request has it. */
  xId?: string;
}

const routeCache = new Map<string, Route[]>();

/** Every operation of a REST service with its HTTP route, read from the SDK's operation schemas (`Name$ = [9, ns, name, { http }]`). */
function routesOf(service: string): Route[] {
  const cached = routeCache.get(service);
  if (cached) return cached;
  const routes: Route[] = [];
  for (const module of REST_MODULES[service] ?? []) {
    for (const value of Object.values(module)) {
      if (!Array.isArray(value) || value[0] !== 9 || typeof value[2] !== 'string') continue;
      const traits = value[3] as { http?: [string, string, number] } | 0;
      if (!traits || !traits.http) continue;
      const [method, template] = traits.http;
      const [pathPart = '/', queryPart = ''] = template.split('?');
      const pattern = pathPart
        .split(/(\{[^}]+\})/)
        .map((piece) => (piece.startsWith('{') ? (piece.endsWith('+}') ? '.+' : '[^/]+') : piece.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
        .join('');
      const query = [...new URLSearchParams(queryPart)];
      const xId = query.find(([k]) => k === 'x-id')?.[1];
      routes.push({
        operation: value[2],
        method,
        path: new RegExp(`^${pattern}/?$`),
        literal: pathPart.replace(/\{[^}]+\}/g, '').length,
        query: query.filter(([k]) => k !== 'x-id'),
        ...(xId ? { xId } : {}),
      });
    }
  }
  routeCache.set(service, routes);
  return routes;
}

/** The REST operation a request is, by its SDK route; undefined when none matches. */
function restOperation(service: string, method: string, url: string): string | undefined {
  const parsed = new URL(url, 'http://proxy');
  const params = parsed.searchParams;
  // Path-style S3 puts the bucket first; the SDK's templates leave it out (it is a host label).
  const paths = [parsed.pathname];
  if (service === 's3' && parsed.pathname !== '/') paths.push(`/${parsed.pathname.split('/').slice(2).join('/')}`);
  let best: { operation: string; score: number } | undefined;
  for (const route of routesOf(service)) {
    if (route.method !== method) continue;
    if (route.xId && params.has('x-id') && params.get('x-id') !== route.xId) continue;
    if (!route.query.every(([k, v]) => params.has(k) && (v === '' || params.get(k) === v))) continue;
    if (!paths.some((p) => route.path.test(p))) continue;
    const score = (route.xId && params.get('x-id') === route.xId ? 1_000_000 : 0) + route.query.length * 1000 + route.literal;
    if (!best || score > best.score) best = { operation: route.operation, score };
  }
  return best && `${service}:${best.operation}`;
}

export interface RequestAction extends Classified {
  /** The IAM action (`s3:GetBucketPolicy`), or undefined for a REST request no SDK route matches. */
  action: string | undefined;
}

/** Classifies a request (bench/proxy.ts) and names its IAM action. */
export function requestAction(req: http.IncomingMessage, body: string): RequestAction {
  const c = classify(req, body);
  if (c.protocol === 'query' || c.protocol === 'ec2' || c.protocol === 'json') return { ...c, action: iamActionFor(c.operation) };
  const operation = restOperation(c.service, req.method ?? 'GET', req.url ?? '/');
  return { ...c, action: operation && iamActionFor(operation) };
}
