/**
 * Promise memoization: the first caller of a key starts the read, every later
 * caller (concurrent or not) gets the same promise. A failed read stays failed
 * for the rest of the scan, so a denied call is made once, not once per rule.
 */
export class PromiseCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = load();
      // Callers handle the rejection; this keeps an unobserved one from crashing the process.
      entry.catch(() => undefined);
      this.entries.set(key, entry);
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }
}
