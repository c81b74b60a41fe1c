import { describe, expect, it } from 'vitest';
import { chooseAccountConcurrency } from '../../src/app/account-concurrency.js';

describe('the default --account-concurrency', () => {
  it('keeps the flag when given', () => {
    expect(chooseAccountConcurrency(3, 1000, { cores: 64, freeMemoryMb: 1e6 })).toEqual({ value: 3, source: 'flag' });
  });

  it.each([
    // cores x 4 binds on a small machine with memory to spare
    [{ cores: 2, freeMemoryMb: 8000 }, 1000, 8],
    // the memory budget (a quarter of free memory, at most 256 MB, 20 MB per account) binds on a big one
    [{ cores: 16, freeMemoryMb: 8000 }, 1000, 12],
    [{ cores: 16, freeMemoryMb: 400 }, 1000, 5],
    // never more than the accounts, never less than one
    [{ cores: 2, freeMemoryMb: 8000 }, 3, 3],
    [{ cores: 1, freeMemoryMb: 10 }, 50, 1],
  ])('on %o scanning %i accounts: %i at once', (machine, accounts, expected) => {
    const chosen = chooseAccountConcurrency(undefined, accounts, machine);
    expect(chosen.value).toBe(expected);
    expect(chosen.source).toBe('default');
    expect(chosen.basis).toMatch(/cores/);
  });
});
