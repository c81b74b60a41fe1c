/** The heap relief: a full collection only past twice what the last one left, and past the floor. */
import { describe, expect, it } from 'vitest';
import { exposedGc, heapRelief } from '../../src/io/heap.js';

describe('heapRelief', () => {
  it('collects past the floor, then only once the heap has doubled what the collection left', () => {
    let used = 0;
    const collections: number[] = [];
    const relief = heapRelief({ floorBytes: 100, usedBytes: () => used, collect: () => collections.push(used) && (used = live) });
    let live = 80;
    used = 99;
    expect(relief.relieve()).toBe(false);
    used = 150;
    expect(relief.relieve()).toBe(true); // past the floor: collected down to 80, next threshold max(100, 160)
    expect(collections).toEqual([150]);
    used = 159;
    expect(relief.relieve()).toBe(false);
    live = 30;
    used = 161;
    expect(relief.relieve()).toBe(true); // collected down to 30: the threshold falls back to the floor
    used = 101;
    expect(relief.relieve()).toBe(true);
    expect(collections).toEqual([150, 161, 101]);
  });

  it("reaches V8's full collection without --expose-gc, and it frees garbage", () => {
    const gc = exposedGc();
    expect(typeof gc).toBe('function');
    let garbage: number[][] | undefined = Array.from({ length: 200 }, () => Array.from({ length: 50_000 }, (_, i) => i));
    gc();
    const held = process.memoryUsage().heapUsed;
    garbage = undefined;
    gc();
    expect(garbage).toBeUndefined();
    // 200 x 50,000 numbers: about 40 MB let go.
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(20 * 2 ** 20);
  });
});
