/**
 * Record and replay (`--record FILE`, `--replay FILE`).
 *
 * A snapshot holds, per account, the caller identity and every accessor answer
 * of a scan, keyed by Region, accessor id and arguments. A read that failed is
 * stored as its DataUnavailable, so a replay reports the same NOT_AVAILABLE
 * results. Replay needs no credentials and makes no network call; a read the
 * snapshot does not hold is NOT_AVAILABLE with reason `not-recorded`.
 */
import { UsageError } from '../errors.js';
import { DataUnavailable, type DataUnavailableInit } from './errors.js';
import { parseInputJson, readInputText } from '../io/read-input.js';
import type { Accessor, Json } from './accessor.js';
import type { DataSource, ReadFn, ReadScope } from './layer.js';
import type { CallerIdentity } from './sts.js';

export const SNAPSHOT_FORMAT = 'hubcheck-snapshot';
export const SNAPSHOT_VERSION = 1;

export type SnapshotEntry = { value: unknown } | { error: DataUnavailableInit };

export interface AccountSnapshot {
  identity: CallerIdentity;
  /** `<region or "global">|<accessor id>|<JSON arguments>` -> answer. */
  entries: Record<string, SnapshotEntry>;
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  recordedAt: string;
  homeRegion: string;
  /** The Regions the recorded scan covered: a replay scans these unless told otherwise. */
  regions: string[];
  accounts: AccountSnapshot[];
}

export function entryKey(accessor: Accessor, region: string, args: Json[]): string {
  return `${accessor.global ? 'global' : region}|${accessor.id}|${JSON.stringify(args)}`;
}

/** Wraps a source and keeps every answer it gives, for one account. */
export class RecordingSource implements DataSource {
  private recorded: CallerIdentity | undefined;
  readonly entries: Record<string, SnapshotEntry> = {};

  constructor(private readonly inner: DataSource) {}

  async identity(homeRegion: string): Promise<CallerIdentity> {
    this.recorded = await this.inner.identity(homeRegion);
    return this.recorded;
  }

  async fetch(accessor: Accessor, scope: ReadScope, args: Json[], read: ReadFn): Promise<unknown> {
    const key = entryKey(accessor, scope.region, args);
    try {
      const value = await this.inner.fetch(accessor, scope, args, read);
      this.entries[key] = { value };
      return value;
    } catch (error) {
      if (error instanceof DataUnavailable) this.entries[key] = { error: error.toJSON() };
      throw error;
    }
  }

  account(): AccountSnapshot | undefined {
    return this.recorded ? { identity: this.recorded, entries: sortKeys(this.entries) } : undefined;
  }
}

/** Answers from a snapshot, for one account. */
export class ReplaySource implements DataSource {
  constructor(private readonly recorded: AccountSnapshot) {}

  async identity(): Promise<CallerIdentity> {
    return this.recorded.identity;
  }

  async fetch(accessor: Accessor, scope: ReadScope, args: Json[]): Promise<unknown> {
    const entry = this.recorded.entries[entryKey(accessor, scope.region, args)];
    if (!entry) {
      throw new DataUnavailable({
        action: accessor.actions[0] ?? accessor.id,
        reason: 'not-recorded',
        code: 'NotRecorded',
        region: scope.region,
        message: `no answer for ${accessor.id} in ${scope.region} in the snapshot`,
      });
    }
    if ('error' in entry) throw new DataUnavailable(entry.error);
    return structuredClone(entry.value);
  }
}

// ----- file format ----------------------------------------------------------

/** JSON with Dates kept as `{"$date": "<ISO>"}`, so replayed answers have the types live ones have. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return JSON.stringify(
    snapshot,
    function (this: Record<string, unknown>, key: string, value: unknown) {
      return this[key] instanceof Date ? { $date: value } : value;
    },
    1,
  );
}

export function parseSnapshot(text: string, source = 'snapshot'): Snapshot {
  const parsed = parseInputJson(text, source, 'snapshot', (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const date = (value as { $date?: unknown }).$date;
      if (keys.length === 1 && typeof date === 'string') return new Date(date);
    }
    return value;
  });
  const s = parsed as Partial<Snapshot>;
  if (!s || s.format !== SNAPSHOT_FORMAT || s.version !== SNAPSHOT_VERSION || !Array.isArray(s.accounts)) {
    throw new UsageError(`${source}: not a hubcheck snapshot (format ${SNAPSHOT_FORMAT} version ${SNAPSHOT_VERSION})`);
  }
  if (typeof s.homeRegion !== 'string' || !Array.isArray(s.regions)) {
    throw new UsageError(`${source}: the snapshot has no homeRegion or regions`);
  }
  return s as Snapshot;
}

export async function readSnapshot(file: string): Promise<Snapshot> {
  return parseSnapshot(await readInputText(file, 'snapshot'), file);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
