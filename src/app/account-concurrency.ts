/**
 * How many accounts a scan of several accounts runs at once, when
 * --account-concurrency does not say. AWS's rate limits are per account and
 * Region, so accounts scanned together never share a quota (the caller's only
 * shared calls are one AssumeRole per account and the Organizations listing):
 * the limits that bind are the machine's. One account's scan mostly waits on
 * answers (its chains of dependent calls), using a core about a quarter of the
 * time, so four accounts per core keep the cores busy; each account in flight
 * holds its answers until it is done (its findings go to disk as each rule
 * ends; measured on the organization bench: ~20 MB for the default shape),
 * which a memory budget of a quarter of the free memory, at most 256 MB,
 * bounds. What is kept of an account once it is done is a few kilobytes (its
 * identity, per-Region figures and issues; its evaluations are folded into the
 * run's tally, src/engine/evaluation-tally.ts); its findings' changes are kept
 * in the state file, not in memory.
 */
import { availableParallelism, freemem } from 'node:os';

export interface AccountConcurrency {
  value: number;
  source: 'flag' | 'default';
  /** How the default was chosen, for scan.json. */
  basis?: string;
}

export const ACCOUNTS_PER_CORE = 4;
export const MB_PER_ACCOUNT_IN_FLIGHT = 20;
export const MAX_MEMORY_BUDGET_MB = 256;
export const MAX_DEFAULT = 32;

export function chooseAccountConcurrency(
  flag: number | undefined,
  accounts: number,
  machine: { cores: number; freeMemoryMb: number } = { cores: availableParallelism(), freeMemoryMb: freemem() / 2 ** 20 },
): AccountConcurrency {
  if (flag !== undefined) return { value: flag, source: 'flag' };
  const byCpu = machine.cores * ACCOUNTS_PER_CORE;
  const budgetMb = Math.min(MAX_MEMORY_BUDGET_MB, machine.freeMemoryMb / 4);
  const byMemory = Math.floor(budgetMb / MB_PER_ACCOUNT_IN_FLIGHT);
  const value = Math.max(1, Math.min(byCpu, byMemory, MAX_DEFAULT, Math.max(1, accounts)));
  return {
    value,
    source: 'default',
    basis: `min(${machine.cores} cores x ${ACCOUNTS_PER_CORE}, ${Math.round(budgetMb)} MB / ${MB_PER_ACCOUNT_IN_FLIGHT} MB per account, ${MAX_DEFAULT}, ${accounts} accounts)`,
  };
}
