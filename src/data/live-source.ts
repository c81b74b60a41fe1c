/** The DataSource that asks AWS, through one account's ClientPool. */
import { DEFAULT_DATA_OPTIONS, toDataUnavailable, type Accessor, type DataOptions, type FetchContext } from './accessor.js';
import type { ClientPool } from './clients.js';
import type { DataSource, ReadFn, ReadScope } from './layer.js';
import { catalog } from './catalog.js';
import type { CallerIdentity } from './sts.js';
import type { Json } from './accessor.js';

export class LiveSource implements DataSource {
  constructor(
    readonly pool: ClientPool,
    private readonly options: DataOptions = DEFAULT_DATA_OPTIONS,
  ) {}

  async identity(homeRegion: string): Promise<CallerIdentity> {
    const identity = (await this.fetch(
      catalog.sts.callerIdentity,
      { account: 'unknown', region: homeRegion, partition: 'aws' },
      [],
      () => Promise.reject(new Error('no nested reads while resolving the identity')),
    )) as CallerIdentity;
    this.pool.setAccount(identity.account);
    return identity;
  }

  async fetch(accessor: Accessor, scope: ReadScope, args: Json[], read: ReadFn): Promise<unknown> {
    const context: FetchContext = {
      ...scope,
      client: (Client) => this.pool.get(Client, scope.region),
      read: (other, ...otherArgs) => read(other as Accessor, scope.region, otherArgs) as never,
      options: this.options,
    };
    try {
      return await accessor.fetch(context, ...args);
    } catch (error) {
      throw toDataUnavailable(error, accessor.actions[0] ?? accessor.id, scope.region);
    }
  }
}
