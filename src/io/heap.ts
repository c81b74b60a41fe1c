/**
 * Keeps a long scan's heap near what it actually holds.
 *
 * V8 sizes its heap for throughput: with memory free on the machine it lets
 * garbage pile up to several times the live heap before a full collection. An
 * organization scan allocates without pause (answers parsed, findings made and
 * written, read back and rendered), so its RSS rose with its length: 1.3 GB at
 * the end of a 1,000-account run whose live heap, collected, was about 60 MB.
 *
 * So hubcheck collects itself at the points where it has just let go of a
 * piece of work (the findings spool calls `relieveHeap()` after writing an
 * evaluation's findings and after reading an account's back; the scan's SDK
 * clients after each AWS call, since one large account may make thousands of
 * calls between two writes of the spool): when the heap
 * has grown past twice what the last collection left, and past a floor of
 * 128 MB, it asks V8 for a full collection. A small scan never reaches the
 * floor and never pays for one; a large one pays a collection of its live heap
 * every few accounts (tens of milliseconds each).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export const HEAP_FLOOR_BYTES = 128 * 2 ** 20;

export interface HeapRelief {
  /** Collects when the heap has grown past the threshold; returns whether it did. */
  relieve(): boolean;
}

export function heapRelief(
  options: { floorBytes?: number; usedBytes?: () => number; collect?: () => void } = {},
): HeapRelief {
  const floor = options.floorBytes ?? HEAP_FLOOR_BYTES;
  const used = options.usedBytes ?? (() => v8.getHeapStatistics().used_heap_size);
  let collect: (() => void) | undefined = options.collect;
  let threshold = floor;
  return {
    relieve() {
      if (used() < threshold) return false;
      collect ??= exposedGc();
      collect();
      threshold = Math.max(floor, 2 * used());
      return true;
    },
  };
}

/** V8's full collection, made callable without starting node with --expose-gc. */
export function exposedGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  v8.setFlagsFromString('--no-expose-gc');
  return gc;
}

const forProcess = heapRelief();

/** The process's relief: see above. */
export function relieveHeap(): void {
  forProcess.relieve();
}
