/**
 * `--shard i/n`: split the account list deterministically so that n workers (a
 * Kubernetes Indexed Job, an AWS Batch array job, a CI matrix) each scan one
 * part and `hubcheck merge` puts the parts back together. Shards are numbered
 * from 1, as in jest and Playwright (`--shard=1/3`); a Kubernetes index is
 * `$((JOB_COMPLETION_INDEX + 1))`. Accounts are sorted, then dealt round-robin,
 * so shards differ in size by at most one account.
 */
import { UsageError } from '../errors.js';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${text}: expected i/n with 1 <= i <= n, e.g. 1/4`);
  }
  return { index, count };
}

export function shardOf<T extends string>(accounts: readonly T[], shard: Shard | undefined): T[] {
  const sorted = [...new Set(accounts)].sort();
  if (!shard) return sorted;
  return sorted.filter((_, i) => i % shard.count === shard.index - 1);
}
