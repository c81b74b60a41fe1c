/**
 * Deadlines for AWS calls. A call (one `client.send`, its retries and the waits
 * between them included) has a total time budget and a cap on HTTP attempts;
 * the scan as a whole may have a deadline too. Running out of time aborts the
 * HTTP request itself (the socket is destroyed), so a server that never
 * answers cannot hold a scan: the call fails with CallTimedOut, which the data
 * layer turns into DataUnavailable "timed out".
 *
 * The guard middleware makes a CallDeadline per call; the attempt middleware
 * tags each outgoing request with it; DeadlineHttpHandler reads the tag and
 * hands the deadline's AbortSignal to the Node HTTP handler.
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { isThrottlingError } from './throttling.js';

export interface CallLimits {
  /** Total time one call may take, retries and their waits included (ms). */
  callTimeoutMs: number;
  /** HTTP attempts per call, the first one included. */
  maxAttempts: number;
  /** Time to open a TCP/TLS connection (ms). */
  connectTimeoutMs: number;
}

export const DEFAULT_CALL_LIMITS: CallLimits = { callTimeoutMs: 60_000, maxAttempts: 3, connectTimeoutMs: 3_000 };

/** A failed attempt the SDK is about to retry. */
export interface RetryNote {
  operation: string;
  region: string;
  /** Attempts made so far. */
  attempt: number;
  maxAttempts: number;
  /** `HTTP 503`, `Throttling`, `ECONNRESET`, ... */
  cause: string;
}

/** A call that ran out of time: its own budget (`call`) or the scan's (`scan`). */
export class CallTimedOut extends Error {
  override readonly name = 'CallTimedOut';
  constructor(
    readonly operation: string,
    readonly region: string,
    readonly scope: 'call' | 'scan',
    readonly attempts: number,
    budgetMs: number,
  ) {
    super(
      scope === 'call'
        ? `no answer within ${budgetMs / 1000} s (${attempts} ${attempts === 1 ? 'attempt' : 'attempts'})`
        : "the scan's --timeout was reached before it answered",
    );
  }
}

const DEADLINE = Symbol.for('hubcheck.callDeadline');

/** Stores a deadline on a middleware context or a request; without one, reads it back. */
export function attachDeadline(target: object, deadline?: CallDeadline): CallDeadline | undefined {
  if (deadline) Object.defineProperty(target, DEADLINE, { value: deadline, configurable: true, enumerable: false });
  return (target as Record<symbol, CallDeadline | undefined>)[DEADLINE];
}

export class CallDeadline {
  readonly operation: string;
  readonly region: string;
  private readonly controller = new AbortController();
  private readonly limits: CallLimits;
  private timer: NodeJS.Timeout | undefined;
  /** When the clock last started, and the budget spent before that (it stops while the call waits for its turn). */
  private clockStartedAt = 0;
  private spentMs = 0;
  private held = false;
  private attempts = 0;
  private scope: 'call' | 'scan' | undefined;
  private readonly unlisten: () => void = () => {};
  private failure: CallTimedOut | undefined;

  constructor(init: { operation: string; region: string; limits: CallLimits; scan?: AbortSignal }) {
    this.operation = init.operation;
    this.region = init.region;
    this.limits = init.limits;
    const scan = init.scan;
    if (scan?.aborted) this.abort('scan');
    else if (scan) {
      const onScanAbort = () => this.abort('scan');
      scan.addEventListener('abort', onScanAbort, { once: true });
      this.unlisten = () => scan.removeEventListener('abort', onScanAbort);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  /** Starts the call's clock (once) and runs `work` under the deadline. */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.timer && !this.held && !this.expired && this.clockStartedAt === 0) this.startClock();
    return this.race(work);
  }

  /**
   * Stops the clock until the first HTTP attempt: the SDK's adaptive retry mode
   * may hold a request back after another call of the same client was throttled,
   * and that wait is the call waiting for its turn, not the call taking long.
   * (The scan's own deadline still ends it.) Only before the first attempt.
   */
  holdForTurn(): void {
    if (this.attempts > 0 || this.held || this.expired || !this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.spentMs += performance.now() - this.clockStartedAt;
    this.held = true;
  }

  private startClock(): void {
    this.clockStartedAt = performance.now();
    this.timer = setTimeout(() => this.abort('call'), Math.max(0, this.limits.callTimeoutMs - this.spentMs));
    this.timer.unref();
  }

  /** `work`'s result, or CallTimedOut as soon as the deadline passes (whatever `work` is waiting for). */
  race<T>(work: () => Promise<T>): Promise<T> {
    if (this.expired) return Promise.reject(this.timedOut());
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.timedOut());
      this.signal.addEventListener('abort', onAbort, { once: true });
      work()
        .then(resolve, reject)
        .finally(() => this.signal.removeEventListener('abort', onAbort));
    });
  }

  /** The error to report: CallTimedOut once the deadline passed (the SDK's AbortError says less). */
  explain(error: unknown): unknown {
    return this.expired ? this.timedOut() : error;
  }

  /** Marks an outgoing HTTP request as belonging to this call; counts the attempt. */
  tagRequest(request: unknown): void {
    this.attempts++;
    if (this.held && !this.expired) {
      this.held = false;
      this.startClock();
    }
    if (request && typeof request === 'object') attachDeadline(request, this);
  }

  /** Attempts made so far. */
  get attemptsMade(): number {
    return this.attempts;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.unlisten();
  }

  private abort(scope: 'call' | 'scan'): void {
    if (this.expired) return;
    this.scope = scope;
    this.controller.abort(this.timedOut());
  }

  private timedOut(): CallTimedOut {
    this.failure ??= new CallTimedOut(this.operation, this.region, this.scope ?? 'call', this.attempts, this.limits.callTimeoutMs);
    return this.failure;
  }
}

type HandleArgs = Parameters<NodeHttpHandler['handle']>;

/** The Node HTTP handler, aborting each request when its call's deadline passes. */
export class DeadlineHttpHandler extends NodeHttpHandler {
  override handle(request: HandleArgs[0], options: HandleArgs[1] = {}): ReturnType<NodeHttpHandler['handle']> {
    const deadline = attachDeadline(request);
    if (!deadline) return super.handle(request, options);
    const own = options.abortSignal as AbortSignal | undefined;
    const abortSignal = own ? AbortSignal.any([deadline.signal, own]) : deadline.signal;
    return super.handle(request, { ...options, abortSignal: abortSignal as HandleArgs[1] extends { abortSignal?: infer S } ? S : never });
  }
}

/** Worth another attempt: throttling, a 5xx, or a network failure with no HTTP answer. */
export function isRetryableAttempt(error: unknown): boolean {
  if (isThrottlingError(error)) return true;
  const e = (error ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'AbortError' || e.name === 'CallTimedOut') return false;
  const status = e.$metadata?.httpStatusCode;
  return status === undefined || status >= 500;
}

/** Call limits from the command line: `--call-timeout` seconds and `--max-attempts`. */
export function callLimits(options: { callTimeout?: number; maxAttempts?: number }): CallLimits {
  const limits = { ...DEFAULT_CALL_LIMITS };
  if (options.callTimeout !== undefined) limits.callTimeoutMs = options.callTimeout * 1000;
  if (options.maxAttempts !== undefined) limits.maxAttempts = options.maxAttempts;
  limits.connectTimeoutMs = Math.min(limits.connectTimeoutMs, limits.callTimeoutMs);
  return limits;
}

/** The scan's overall deadline (`--timeout` seconds); no signal when there is none. */
export function scanDeadline(seconds: number | undefined): { signal?: AbortSignal; dispose(): void } {
  if (seconds === undefined) return { dispose() {} };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), seconds * 1000);
  timer.unref();
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}
