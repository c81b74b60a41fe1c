/**
 * The typed facade rules read through: `data.iam.accountSummary()`.
 *
 * A DataLayer is bound to one account and Region. Behind it, AccountData
 * memoizes every read as a promise (so concurrent rules share one in-flight
 * call and each AWS read happens once per scan) and hands misses to a
 * DataSource: live AWS, a recorder around it, or a replayed snapshot.
 */
import type { Accessor, AccessorSpec, Json } from './accessor.js';
import { PromiseCache } from './cache.js';
import { catalog, type Catalog } from './catalog.js';
import type { CallerIdentity } from './sts.js';

export type DataLayer = {
  readonly [S in keyof Catalog]: {
    readonly [N in keyof Catalog[S]]: Catalog[S][N] extends AccessorSpec<infer A, infer R>
      ? (...args: A) => Promise<R>
      : never;
  };
};

export interface ReadScope {
  account: string;
  /** The Region whose client makes the read (the home Region for global accessors). */
  region: string;
  partition: string;
}

export type ReadFn = (accessor: Accessor, region: string, args: Json[]) => Promise<unknown>;

export interface DataSource {
  /** Who the source's credentials belong to. */
  identity(homeRegion: string): Promise<CallerIdentity>;
  /** One read, not memoized; failures are DataUnavailable. */
  fetch(accessor: Accessor, scope: ReadScope, args: Json[], read: ReadFn): Promise<unknown>;
}

/** Hooks on a layer's reads: the engine checks them against a rule's requiredActions; tests trace them. */
export interface LayerHooks {
  beforeRead?(accessor: Accessor): void;
}

export class AccountData {
  readonly account: string;
  readonly partition: string;

  constructor(
    private readonly source: DataSource,
    private readonly cache: PromiseCache,
    identity: CallerIdentity,
    readonly homeRegion: string,
  ) {
    this.account = identity.account;
    this.partition = identity.partition;
  }

  read: ReadFn = (accessor, region, args) => {
    const scopeRegion = accessor.global ? this.homeRegion : region;
    const key = `${this.account}|${accessor.global ? 'global' : region}|${accessor.id}|${JSON.stringify(args)}`;
    return this.cache.get(key, () =>
      this.source.fetch(
        accessor,
        { account: this.account, region: scopeRegion, partition: this.partition },
        args,
        this.read,
      ),
    );
  };

  layer(region: string, hooks: LayerHooks = {}): DataLayer {
    return createDataLayer((accessor, args) => {
      hooks.beforeRead?.(accessor);
      return this.read(accessor, region, args);
    });
  }
}

export function createDataLayer(read: (accessor: Accessor, args: Json[]) => Promise<unknown>): DataLayer {
  const layer: Record<string, Record<string, (...args: Json[]) => Promise<unknown>>> = {};
  for (const [service, accessors] of Object.entries(catalog)) {
    const methods: Record<string, (...args: Json[]) => Promise<unknown>> = {};
    for (const [name, accessor] of Object.entries(accessors as Record<string, Accessor>)) {
      methods[name] = (...args: Json[]) => read(accessor, args);
    }
    layer[service] = Object.freeze(methods);
  }
  return Object.freeze(layer) as unknown as DataLayer;
}
