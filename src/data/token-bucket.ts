/**
 * A token bucket: `rate` tokens per second, at most `burst` held. `take()`
 * resolves when a token is available; waiters are served in arrival order.
 * The clock and sleep are injectable so tests run on a fake clock.
 */
import { setTimeout as defaultSleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<unknown>;
}

export const REAL_CLOCK: Clock = { now: () => performance.now(), sleep: (ms) => defaultSleep(ms) };

export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly rate: number,
    readonly burst: number,
    private readonly clock: Clock = REAL_CLOCK,
  ) {
    if (!(rate > 0) || !(burst >= 1)) throw new TypeError(`a token bucket needs rate > 0 and burst >= 1 (got ${rate}, ${burst})`);
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Waits for a token. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  private async acquire(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }
}
