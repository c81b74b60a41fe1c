import { describe, expect, it } from 'vitest';
import { PromiseCache } from '../../src/data/cache.js';

describe('PromiseCache', () => {
  it('starts one load per key and shares it with concurrent callers', async () => {
    const cache = new PromiseCache();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return loads;
    };
    const values = await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('other', load)]);
    expect(values[0]).toBe(values[1]);
    expect(loads).toBe(2);
  });

  it('keeps a failure for the rest of the scan instead of retrying it per caller', async () => {
    const cache = new PromiseCache();
    let loads = 0;
    const load = () => {
      loads++;
      return Promise.reject(new Error('denied'));
    };
    await expect(cache.get('k', load)).rejects.toThrow('denied');
    await expect(cache.get('k', load)).rejects.toThrow('denied');
    expect(loads).toBe(1);
  });
});
