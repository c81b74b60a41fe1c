/** An account's clients share one AssumeRole: the credentials are fetched once, again near expiry, and again after a failure. */
import { describe, expect, it } from 'vitest';
import { shared } from '../../src/data/targets.js';

const creds = (minutes: number, id = 'ASIA') => ({ accessKeyId: id, secretAccessKey: 's', expiration: new Date(Date.now() + minutes * 60_000) });

describe('shared credentials', () => {
  it('asks the provider once for many concurrent and later callers', async () => {
    let calls = 0;
    const provider = shared(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return creds(60);
    });
    const all = await Promise.all(Array.from({ length: 40 }, () => provider()));
    await provider();
    expect(calls).toBe(1);
    expect(new Set(all).size).toBe(1);
  });

  it('fetches again when the credentials are near their expiry', async () => {
    let calls = 0;
    const provider = shared(async () => creds(++calls === 1 ? 2 : 60, `ASIA${calls}`));
    expect((await provider()).accessKeyId).toBe('ASIA1');
    expect((await provider()).accessKeyId).toBe('ASIA2');
    expect((await provider()).accessKeyId).toBe('ASIA2');
    expect(calls).toBe(2);
  });

  it('does not keep a failure: the next caller tries again', async () => {
    let calls = 0;
    const provider = shared(async () => {
      if (++calls === 1) throw new Error('AccessDenied');
      return creds(60);
    });
    await expect(provider()).rejects.toThrow('AccessDenied');
    await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIA' });
    expect(calls).toBe(2);
  });
});
