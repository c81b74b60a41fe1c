/**
 * One AWS SDK v3 client per (account, service, Region), created on first use.
 *
 * Every client of a pool shares the account's credentials and one HTTP handler,
 * uses the SDK's adaptive retry mode, and carries two named middlewares:
 *
 * - `hubcheckGuard` (initialize step): refuses any operation that is not a read
 *   unless the pool was told to allow it (the Security Hub sink), counts the
 *   call, bounds concurrent calls per service and Region, and tags errors with
 *   the operation and IAM action that failed;
 * - `hubcheckTurn` (just before the SDK's retry middleware): stops the call's
 *   clock while the adaptive retry mode holds the first attempt back;
 * - `hubcheckAttempts` (deserialize step, so it runs once per HTTP attempt):
 *   counts attempts and throttling answers, reports retries, and hands the
 *   call's deadline to the HTTP handler.
 *
 * Deadlines (see deadlines.ts): each call has a total budget, retries and
 * their waits included, enforced by aborting the HTTP request; the scan's
 * overall deadline aborts every call still running or waiting.
 *
 * SDK modules load lazily: a data module imports only the SDK's types at the
 * top and the client and commands (`await iamSdk()`) inside each accessor's
 * fetch. Loading all 27 generated clients costs 1.5–2 s of CPU before anything
 * else can run; loaded on first read, a scan's first call (STS) waits only for
 * STS, `hubcheck rules` for none, and a scan of a few rules for their services.
 * Node caches each module, so a later `await iamSdk()` costs one microtask.
 */
import http from 'node:http';
import https from 'node:https';
import pLimit, { type LimitFunction } from 'p-limit';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Logger } from 'pino';
import { ApiStats } from './api-stats.js';
import { SERVICE_PREFIX, iamActionFor, isReadOperation, operationName } from './actions.js';
import { HEADROOM, limitFor, type RateLimit } from './rate-limits.js';
import { TokenBucket } from './token-bucket.js';
import { CallDeadline, DEFAULT_CALL_LIMITS, DeadlineHttpHandler, attachDeadline, isRetryableAttempt, type CallLimits, type RetryNote } from './deadlines.js';

/** Any generated SDK client. */
export interface SdkClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
  middlewareStack: {
    add(middleware: unknown, options: Record<string, unknown>): void;
    addRelativeTo(middleware: unknown, options: { name: string; relation: 'before' | 'after'; toMiddleware: string }): void;
  };
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each SDK client's constructor takes its own config type; `unknown` would reject them all (parameters are contravariant) and `never` would make `new Client(config)` uncallable
export type ClientClass<C extends SdkClient> = new (config: any) => C;

export interface ClientPoolOptions {
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  stats: ApiStats;
  /** Shared by every pool of a scan, so all clients reuse one set of sockets. */
  httpHandler: NodeHttpHandler;
  /** Custom endpoint; the SDK also reads AWS_ENDPOINT_URL by itself. */
  endpoint?: string;
  maxAttempts?: number;
  /** Per-call time budget and attempts (maxAttempts above wins when both are set). */
  limits?: Partial<CallLimits>;
  /** The scan's overall deadline: aborting it ends every call of the pool. */
  signal?: AbortSignal;
  /** Told of each failed attempt that the SDK will retry (the progress line shows it). */
  onRetry?: (note: RetryNote) => void;
  /** Called as each call ends, answered or not: the scan relieves the heap there (src/io/heap.ts). */
  afterCall?: () => void;
  /** Concurrent calls per (service, Region). */
  apiConcurrency?: number;
  /** Operations this pool may call although they are not reads (e.g. `securityhub:BatchImportFindings`). */
  allowedWrites?: readonly string[];
  /**
   * Request rates to stay under, per operation or service (see rate-limits.ts);
   * each (account, Region) gets its own buckets at HEADROOM of the rate. false: no client-side rate limit.
   */
  rateLimits?: Readonly<Record<string, RateLimit>> | false;
  logger?: Logger;
}

/** Metadata hubcheck attaches to every error an SDK call throws. */
export interface CallErrorTag {
  operation: string;
  action: string;
}
const TAG = Symbol.for('hubcheck.callError');

export function callErrorTag(error: unknown): CallErrorTag | undefined {
  return error && typeof error === 'object' ? (error as Record<symbol, CallErrorTag>)[TAG] : undefined;
}

export class ReadOnlyViolation extends Error {
  override readonly name = 'ReadOnlyViolation';
  constructor(readonly operation: string) {
    super(`hubcheck refused to call ${operation}: scanning is read-only`);
  }
}

import { isThrottlingError } from './throttling.js';

export { isThrottlingError };

/**
 * The shared HTTP handler. `connectTimeoutMs` really ends a connection attempt; the time a
 * request may take is its call's deadline (DeadlineHttpHandler aborts the request).
 */
export function createHttpHandler(maxSockets = 64, connectTimeoutMs = DEFAULT_CALL_LIMITS.connectTimeoutMs): NodeHttpHandler {
  return new DeadlineHttpHandler({
    httpAgent: new http.Agent({ keepAlive: true, maxSockets }),
    httpsAgent: new https.Agent({ keepAlive: true, maxSockets }),
    connectionTimeout: connectTimeoutMs,
  });
}

export class ClientPool {
  private static pending = 0;
  /** Account id labelling API-call statistics; provisional until the caller's identity is known. */
  account = `pending-${++ClientPool.pending}`;
  private readonly clients = new Map<string, SdkClient>();
  private readonly limiters = new Map<string, LimitFunction>();
  private readonly buckets = new Map<string, TokenBucket | null>();
  private readonly allowedWrites: Set<string>;
  private readonly limits: CallLimits;

  constructor(private readonly options: ClientPoolOptions) {
    this.allowedWrites = new Set(options.allowedWrites ?? []);
    this.limits = { ...DEFAULT_CALL_LIMITS, ...options.limits };
    if (options.maxAttempts !== undefined) this.limits.maxAttempts = options.maxAttempts;
  }

  get<C extends SdkClient>(Client: ClientClass<C>, region: string): C {
    const key = `${Client.name}/${region}`;
    let client = this.clients.get(key) as C | undefined;
    if (!client) {
      client = this.create(Client, region);
      this.clients.set(key, client);
    }
    return client;
  }

  /** Labels this pool's calls with the account id, including those made before it was known. */
  setAccount(account: string): void {
    this.options.stats.relabel(this.account, account);
    this.account = account;
  }

  /** Allows non-read operations for clients created from now on (the Security Hub sink). */
  allowWrites(operations: readonly string[]): void {
    for (const operation of operations) this.allowedWrites.add(operation);
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  /**
   * Lets go of the clients made so far, leaving the shared HTTP handler open
   * (a client's destroy() would close it for every account): an account done
   * with its scan keeps no SDK clients alive. Later calls make new ones.
   */
  forgetClients(): void {
    this.clients.clear();
  }

  private create<C extends SdkClient>(Client: ClientClass<C>, region: string): C {
    const prefix = SERVICE_PREFIX[Client.name] ?? Client.name.replace(/Client$/, '').toLowerCase();
    const endpoint = this.options.endpoint ?? process.env.AWS_ENDPOINT_URL;
    const client = new Client({
      region,
      credentials: this.options.credentials,
      requestHandler: this.options.httpHandler,
      retryMode: 'adaptive',
      maxAttempts: this.limits.maxAttempts,
      ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
      ...endpointQuirks(prefix, endpoint),
    });
    const limiter = this.limiter(`${prefix}/${region}`);
    const { stats, logger, onRetry } = this.options;
    const limits = this.limits;

    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        const operation = operationName(prefix, context.commandName ?? 'Unknown');
        if (!isReadOperation(operation) && !this.allowedWrites.has(operation)) {
          throw new ReadOnlyViolation(operation);
        }
        stats.call(operation, this.account, region);
        if (logger?.isLevelEnabled('debug')) logger.debug({ operation, region }, 'aws call');
        const deadline = new CallDeadline({ operation, region, limits, scan: this.options.signal });
        attachDeadline(context, deadline);
        try {
          return await deadline.race(async () => {
            await this.bucket(operation, region)?.take();
            // The call's budget starts when it may go out, not while it waits for its turn.
            return limiter(() => deadline.run(() => next(args)));
          });
        } catch (error) {
          const failure = deadline.explain(error);
          if (failure && typeof failure === 'object') {
            Object.defineProperty(failure, TAG, {
              value: { operation, action: iamActionFor(operation) } satisfies CallErrorTag,
              enumerable: false,
            });
          }
          throw failure;
        } finally {
          deadline.dispose();
          this.options.afterCall?.();
        }
      },
      { step: 'initialize', name: 'hubcheckGuard', priority: 'high' },
    );

    // Just before the SDK's retry middleware, which in adaptive mode may wait for a send token.
    client.middlewareStack.addRelativeTo(
      (next: (args: unknown) => Promise<unknown>, context: object) => (args: unknown) => {
        attachDeadline(context)?.holdForTurn();
        return next(args);
      },
      { name: 'hubcheckTurn', relation: 'before', toMiddleware: 'retryMiddleware' },
    );

    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: object) => async (args: unknown) => {
        const deadline = attachDeadline(context);
        deadline?.tagRequest((args as { request?: unknown }).request);
        try {
          const output = await next(args);
          stats.attempt(this.account, region, false);
          return output;
        } catch (error) {
          stats.attempt(this.account, region, isThrottlingError(error));
          const attempt = deadline?.attemptsMade ?? limits.maxAttempts;
          if (onRetry && deadline && attempt < limits.maxAttempts && !deadline.expired && isRetryableAttempt(error)) {
            onRetry({ operation: deadline.operation, region, attempt, maxAttempts: limits.maxAttempts, cause: attemptCause(error) });
          }
          throw error;
        }
      },
      { step: 'deserialize', name: 'hubcheckAttempts', priority: 'high' },
    );
    // Calls past twice what the limiter runs at once wait here, before the SDK builds anything for them
    // (a middleware chain, the call's deadline and its timer, 15-20 KB a call): a rule that reads 2,000
    // buckets at once queues 10,000 small closures, not 10,000 SDK requests. The prototype's send is
    // looked up at each call, so a test's stub of it is still called.
    const admit = pLimit(2 * (this.options.apiConcurrency ?? 8));
    const prototype = Object.getPrototypeOf(client) as SdkClient;
    client.send = (...args: [unknown]) => admit(() => prototype.send.apply(client, args));
    return client;
  }

  /** The rate bucket an operation draws from in a Region, created on first use; null when unlimited. */
  private bucket(operation: string, region: string): TokenBucket | null {
    if (this.options.rateLimits === false) return null;
    const found = limitFor(operation, this.options.rateLimits);
    if (!found) return null;
    const key = `${found.key}/${region}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket({ rate: found.limit.rate * HEADROOM, burst: Math.max(1, Math.floor(found.limit.burst * HEADROOM)) });
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private limiter(key: string): LimitFunction {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = pLimit(this.options.apiConcurrency ?? 8);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}

/** A short name for why an attempt failed: `HTTP 503`, `Throttling`, `ECONNRESET`. */
function attemptCause(error: unknown): string {
  const e = (error ?? {}) as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (isThrottlingError(error)) return e.name ?? 'Throttling';
  if (e.$metadata?.httpStatusCode) return `HTTP ${e.$metadata.httpStatusCode}`;
  return e.code ?? e.name ?? 'Error';
}

/**
 * Settings a custom endpoint (moto, LocalStack, a VPC endpoint) needs: S3 path
 * style, and S3 Control without its `{AccountId}.` host prefix, which cannot be
 * put in front of an IP address.
 */
function endpointQuirks(prefix: string, endpoint: string | undefined): Record<string, unknown> {
  if (!endpoint) return {};
  if (prefix === 's3') return { forcePathStyle: true };
  if (prefix === 's3control') {
    const url = process.env.AWS_ENDPOINT_URL_S3_CONTROL ?? endpoint;
    return { endpointProvider: () => ({ url: new URL(url) }) };
  }
  return {};
}
