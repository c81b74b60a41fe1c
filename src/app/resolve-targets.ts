/**
 * Stage 1, resolve targets: the accounts to scan (the caller's own, --accounts,
 * --organization, or the accounts of a snapshot, after --shard), each with its
 * data source, and the home Region and Regions to scan. Live targets share one
 * HTTP handler and one cache; `release()` frees them once the scan is done.
 */
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Logger } from 'pino';
import { DEFAULT_DATA_OPTIONS } from '../data/accessor.js';
import { ApiStats } from '../data/api-stats.js';
import { credentialChain, resolveHomeRegion } from '../data/aws-session.js';
import { PromiseCache } from '../data/cache.js';
import { ClientPool, createHttpHandler, type ClientPoolOptions } from '../data/clients.js';
import { callLimits, scanDeadline } from '../data/deadlines.js';
import { AccountData, type DataSource } from '../data/layer.js';
import { LiveSource } from '../data/live-source.js';
import { ReplaySource, readSnapshot, type Snapshot } from '../data/snapshot.js';
import { assumeRole, parseAccountIds } from '../data/targets.js';
import { DataUnavailable } from '../data/errors.js';
import { FatalScanError, UsageError } from '../errors.js';
import { relieveHeap } from '../io/heap.js';
import { parseShard, shardOf } from '../engine/shard.js';
import { noCredentialsMessage } from './credential-help.js';
import type { ScanRequest } from './request.js';

export interface Target {
  source: DataSource;
  /** Known up front for --accounts / --organization targets and replayed accounts. */
  account?: string;
  roleArn?: string;
  /** Live targets: the credentials the account is scanned with (its assumed role, or the caller's chain); the push uses them too. */
  credentials?: AwsCredentialIdentityProvider;
  /** Called once the account is scanned: drops what only its scan needed (its SDK clients). */
  done?: () => void;
}

export interface ResolvedTargets {
  readonly mode: 'live' | 'replay';
  readonly homeRegion: string;
  /** Explicit Regions; undefined: each account's enabled Regions. */
  readonly regions?: readonly string[];
  /** How many targets there are. */
  readonly count: number;
  /**
   * The next target to scan, handed over once: an organization's targets are
   * let go one by one as they are scanned, not held to the end of the run.
   */
  take(): Target | undefined;
  /** Named accounts (--accounts, --organization): one that cannot be scanned does not stop the others. */
  readonly isolated: boolean;
  readonly stats: ApiStats;
  readonly cache: PromiseCache;
  /** Frees the HTTP handler and the client pools. */
  release(): void;
}

export async function resolveTargets(
  request: ScanRequest,
  logger: Logger,
  onRetry?: ClientPoolOptions['onRetry'],
): Promise<ResolvedTargets> {
  const snapshot = request.replay ? await readSnapshot(request.replay) : undefined;
  const homeRegion = request.homeRegion ?? snapshot?.homeRegion ?? (await resolveHomeRegion(undefined, request.profile));
  const regions = request.regions === 'all' ? undefined : (request.regions ?? snapshot?.regions);
  const stats = new ApiStats();
  const cache = new PromiseCache();
  // Every call has a connect timeout and a total budget, aborted when spent; the scan may have its own (--timeout).
  const limits = callLimits(request);
  const httpHandler = createHttpHandler(64, limits.connectTimeoutMs);
  const deadline = scanDeadline(request.timeout);
  // After each call the heap may be relieved: one large account can make thousands of calls between two
  // writes of the findings spool, where it is otherwise relieved (src/io/heap.ts).
  const client = { limits, afterCall: relieveHeap, ...(deadline.signal ? { signal: deadline.signal } : {}), ...(onRetry ? { onRetry } : {}) };
  const pools: ClientPool[] = [];
  const release = () => {
    deadline.dispose();
    for (const pool of pools) pool.destroy();
    httpHandler.destroy();
  };
  try {
    const targets = snapshot
      ? replayTargets(snapshot, request)
      : await liveTargets(request, { stats, httpHandler, logger, pools, cache, homeRegion, client });
    const count = targets.length;
    return Object.freeze({
      mode: snapshot ? 'replay' : 'live',
      homeRegion,
      ...(regions ? { regions } : {}),
      count,
      take: () => targets.shift(),
      isolated: Boolean(request.accounts || request.organization),
      stats,
      cache,
      release,
    });
  } catch (error) {
    release();
    throw error;
  }
}

/** Replayed accounts, narrowed by --accounts and --shard like live ones. */
function replayTargets(snapshot: Snapshot, request: ScanRequest): Target[] {
  const recorded = snapshot.accounts.map((a) => a.identity.account);
  const wanted = request.accounts ? parseAccountIds(request.accounts) : recorded;
  const missing = wanted.filter((id) => !recorded.includes(id));
  if (missing.length > 0) throw new UsageError(`the snapshot holds no account ${missing.join(', ')}`);
  const ids = nonEmpty(shardOf(wanted, request.shard ? parseShard(request.shard) : undefined), request);
  return snapshot.accounts
    .filter((a) => ids.includes(a.identity.account))
    .map((a) => ({ source: new ReplaySource(a), account: a.identity.account }));
}

/**
 * The caller's own account, or the accounts named by --accounts /
 * --organization (after --shard), each reached through --role-name.
 */
async function liveTargets(
  request: ScanRequest,
  shared: {
    stats: ApiStats;
    httpHandler: NodeHttpHandler;
    logger: Logger;
    pools: ClientPool[];
    cache: PromiseCache;
    homeRegion: string;
    client: Pick<ClientPoolOptions, 'limits' | 'signal' | 'onRetry' | 'afterCall'>;
  },
): Promise<Target[]> {
  const base = credentialChain(request.profile);
  const source = (credentials: AwsCredentialIdentityProvider, account?: string) => {
    const pool = new ClientPool({ ...shared.client, credentials, stats: shared.stats, httpHandler: shared.httpHandler, logger: shared.logger });
    if (account) pool.setAccount(account);
    shared.pools.push(pool);
    // Once the account is scanned: its SDK clients go, and the pool is no longer held for release().
    const forget = () => {
      pool.forgetClients();
      const at = shared.pools.indexOf(pool);
      if (at >= 0) shared.pools.splice(at, 1);
    };
    return { live: new LiveSource(pool, DEFAULT_DATA_OPTIONS), forget };
  };
  if (!request.accounts && !request.organization) {
    if (request.shard) throw new UsageError('--shard splits an account list: use it with --accounts or --organization');
    return [{ source: source(base).live, credentials: base }];
  }
  if (request.accounts && request.organization) throw new UsageError('--accounts and --organization cannot be used together');
  const callerSource = source(base).live;
  const caller = await callerSource.identity(shared.homeRegion).catch((error: unknown) => {
    throw identityError(error, request.profile);
  });
  let ids: string[];
  if (request.accounts) {
    ids = parseAccountIds(request.accounts);
  } else {
    const data = new AccountData(callerSource, shared.cache, caller, shared.homeRegion).layer(shared.homeRegion);
    const listed = await data.organizations.accounts().catch((error: unknown) => {
      throw new FatalScanError(
        `cannot list the organization's accounts from ${caller.account}: ${error instanceof DataUnavailable ? error.describe() : String(error)}`,
      );
    });
    ids = listed.map((a) => a.id);
  }
  ids = nonEmpty(shardOf(ids, request.shard ? parseShard(request.shard) : undefined), request);
  return ids.map((account) => {
    if (!request.roleName) {
      if (account === caller.account) return { source: callerSource, account, credentials: base };
      throw new UsageError(`--role-name is needed to scan account ${account} from ${caller.account}`);
    }
    const target = assumeRole(base, account, {
      roleName: request.roleName,
      externalId: request.externalId,
      partition: caller.partition,
      region: shared.homeRegion,
    });
    const { live, forget } = source(target.credentials, account);
    return { source: live, account, roleArn: target.roleArn, credentials: target.credentials, done: forget };
  });
}

/** Scanning no account is never a clean scan: say why there is nothing to scan (exit 3). */
function nonEmpty(ids: string[], request: Pick<ScanRequest, 'organization' | 'shard'>): string[] {
  if (ids.length > 0) return ids;
  const listed = request.organization ? 'the organization lists no active account' : 'the account list is empty';
  throw new FatalScanError(request.shard ? `nothing to scan: shard ${request.shard} of the account list is empty` : `nothing to scan: ${listed}`);
}

/** The scan could not even learn whose account it is: say why in one line (exit 3). */
export function identityError(error: unknown, profile: string | undefined): Error {
  if (error instanceof DataUnavailable) {
    // The chain found nothing: name what it tried and how to provide credentials.
    if (error.code === 'CredentialsProviderError') return new FatalScanError(noCredentialsMessage(profile));
    if (/Credential|Token|Signature|ExpiredToken|InvalidClientTokenId/i.test(error.code)) {
      return new FatalScanError(`the AWS credentials were refused (${error.code}): ${error.message}`);
    }
    return new FatalScanError(`cannot determine the caller identity: ${error.describe()}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
