/**
 * An accessor is one typed, read-only question to AWS (`iam.accountSummary()`),
 * declared with the IAM actions it needs. The data layer memoizes it per
 * (account, Region, accessor, arguments), records and replays it.
 */
import type { ClientClass, SdkClient } from './clients.js';
import { DataUnavailable, type UnavailableReason } from './errors.js';
import { callErrorTag, isThrottlingError } from './clients.js';
import { CallTimedOut } from './deadlines.js';
import { MalformedResponse, requiredList } from './shape.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface FetchContext {
  account: string;
  region: string;
  partition: string;
  /** The SDK client for this account and Region. */
  client<C extends SdkClient>(Client: ClientClass<C>): C;
  /** Another accessor's answer, memoized like any read (e.g. a list a per-item read starts from). */
  read<A extends Json[], R>(accessor: AccessorSpec<A, R>, ...args: A): Promise<R>;
  /** Tunables, e.g. how often to poll for the credential report. */
  options: DataOptions;
}

export interface DataOptions {
  /** First wait between credential-report polls; doubles up to 4 s. */
  credentialReportPollMs: number;
  credentialReportTimeoutMs: number;
}

export const DEFAULT_DATA_OPTIONS: DataOptions = {
  credentialReportPollMs: 500,
  credentialReportTimeoutMs: 300_000,
};

export interface AccessorSpec<A extends Json[], R> {
  /** One answer per account (IAM, S3 bucket list), read with the home Region's client. */
  global?: boolean;
  /** Every IAM action `fetch` may use. */
  actions: readonly string[];
  fetch(context: FetchContext, ...args: A): Promise<R>;
}

export interface Accessor<A extends Json[] = Json[], R = unknown> extends AccessorSpec<A, R> {
  /** `service.name`, assigned by the catalog. */
  readonly id: string;
}

export function defineAccessor<A extends Json[], R>(spec: AccessorSpec<A, R>): AccessorSpec<A, R> {
  return spec;
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
]);

/**
 * Turns whatever a read threw into a DataUnavailable that names the IAM action
 * that failed. Used for every error an accessor does not handle itself.
 */
export function toDataUnavailable(error: unknown, fallbackAction: string, region: string): DataUnavailable {
  if (error instanceof DataUnavailable) return error;
  const e = (error ?? {}) as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
  const tag = callErrorTag(error);
  if (error instanceof MalformedResponse) {
    return new DataUnavailable({ action: error.action, reason: 'malformed-response', code: 'MalformedResponse', region, message: error.message });
  }
  if (error instanceof CallTimedOut) {
    return new DataUnavailable({ action: tag?.action ?? fallbackAction, reason: 'timed-out', code: 'TimedOut', region, message: error.message });
  }
  const status = e.$metadata?.httpStatusCode;
  const attempts = e.$metadata?.attempts ?? 1;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  // A body the SDK could not parse (a proxy's HTML page, moto's XML for a JSON service) says nothing:
  // name the HTTP status instead of the parser's error. A network failure names its errno.
  const unparsed = ['SyntaxError', 'Unknown', 'UnknownError', 'Error', 'TimeoutError'].includes(e.Code ?? e.name ?? 'Error');
  if (unparsed && status && status < 300) {
    // A 200 whose body the SDK could not read: truncated or garbled.
    return new DataUnavailable({ action: tag?.action ?? fallbackAction, reason: 'malformed-response', code: 'MalformedResponse', region, message: `the HTTP ${status} answer does not parse` });
  }
  if (unparsed && status) {
    const code = `HTTP ${status}`;
    const reason: UnavailableReason = status === 403 ? 'access-denied' : isThrottlingError(error) ? 'throttled' : 'service-error';
    return new DataUnavailable({ action: tag?.action ?? fallbackAction, reason, code, region, message: `${code}${tries}` });
  }
  if (!status && e.code && /^E[A-Z_]+$/.test(e.code)) {
    return new DataUnavailable({ action: tag?.action ?? fallbackAction, reason: 'service-error', code: e.code, region, message: `${e.code}${tries}: ${oneLine(e.message ?? '')}` });
  }
  const code = e.Code ?? e.name ?? 'Error';
  let reason: UnavailableReason = 'service-error';
  if (ACCESS_DENIED.has(code) || (status === 403 && !/Token|Signature|Credential/i.test(code))) reason = 'access-denied';
  else if (code === 'OptInRequired' || code === 'SubscriptionRequiredException') reason = 'opt-in';
  else if (isThrottlingError(error)) reason = 'throttled';
  return new DataUnavailable({
    action: tag?.action ?? fallbackAction,
    reason,
    code,
    region,
    message: oneLine(e.message ?? String(error)),
  });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

type ListItem<L> = NonNullable<L> extends readonly (infer T)[] ? T : never;

/**
 * Drains an SDK v3 paginator into one array. Every page must carry the list
 * field (AWS sends it even when empty): a page without it is a malformed
 * answer, never an empty list (see shape.ts).
 */
export async function collect<P, K extends keyof P>(pages: AsyncIterable<P>, field: K, action: string): Promise<ListItem<P[K]>[]> {
  const all: ListItem<P[K]>[] = [];
  for await (const page of pages) all.push(...requiredList(page[field] as ListItem<P[K]>[] | undefined, String(field), action));
  return all;
}

/**
 * The error name an SDK call failed with, for accessors that turn one error into
 * an answer. A nested read (`ctx.read`) fails with a DataUnavailable: its AWS
 * error code is the name.
 */
export function errorName(error: unknown): string | undefined {
  if (error instanceof DataUnavailable) return error.code;
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { name?: string; Code?: string };
  return e.name ?? e.Code;
}
