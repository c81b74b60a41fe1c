/**
 * Counts every AWS API call a scan makes: logical calls per operation, HTTP
 * attempts (retries included) and throttling responses, per account and Region.
 */

export interface CallCounts {
  calls: number;
  attempts: number;
  throttles: number;
}

export interface ApiStatsSnapshot extends CallCounts {
  byOperation: Record<string, number>;
  byScope: Record<string, CallCounts & { byOperation: Record<string, number> }>;
}

const zero = (): CallCounts => ({ calls: 0, attempts: 0, throttles: 0 });

export class ApiStats {
  private readonly totals = zero();
  private readonly operations = new Map<string, number>();
  private readonly scopes = new Map<string, CallCounts & { operations: Map<string, number> }>();
  /** Each account label's scope keys: a relabel touches its own, not every account's of the run. */
  private readonly labels = new Map<string, Set<string>>();

  call(operation: string, account: string, region: string): void {
    this.totals.calls++;
    this.operations.set(operation, (this.operations.get(operation) ?? 0) + 1);
    const scope = this.scope(account, region);
    scope.calls++;
    scope.operations.set(operation, (scope.operations.get(operation) ?? 0) + 1);
  }

  attempt(account: string, region: string, throttled: boolean): void {
    this.totals.attempts++;
    const scope = this.scope(account, region);
    scope.attempts++;
    if (throttled) {
      this.totals.throttles++;
      scope.throttles++;
    }
  }

  /** Moves the counts of a provisional label (calls made before the account id was known) to the account. */
  relabel(from: string, to: string): void {
    const keys = this.labels.get(from);
    if (!keys) return;
    this.labels.delete(from);
    for (const key of keys) {
      const scope = this.scopes.get(key)!;
      this.scopes.delete(key);
      const target = this.scope(to, key.slice(from.length + 1));
      target.calls += scope.calls;
      target.attempts += scope.attempts;
      target.throttles += scope.throttles;
      for (const [op, n] of scope.operations) target.operations.set(op, (target.operations.get(op) ?? 0) + n);
    }
  }

  callsTo(operation: string): number {
    return this.operations.get(operation) ?? 0;
  }

  snapshot(): ApiStatsSnapshot {
    const byScope: ApiStatsSnapshot['byScope'] = {};
    for (const [key, scope] of [...this.scopes].sort(([a], [b]) => a.localeCompare(b))) {
      byScope[key] = {
        calls: scope.calls,
        attempts: scope.attempts,
        throttles: scope.throttles,
        byOperation: sortedRecord(scope.operations),
      };
    }
    return { ...this.totals, byOperation: sortedRecord(this.operations), byScope };
  }

  private scope(account: string, region: string) {
    const key = `${account}/${region}`;
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = { ...zero(), operations: new Map() };
      this.scopes.set(key, scope);
      let keys = this.labels.get(account);
      if (!keys) this.labels.set(account, (keys = new Set()));
      keys.add(key);
    }
    return scope;
  }
}

function sortedRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
}
