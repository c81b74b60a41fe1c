/**
 * The SQLite state file for scheduled scans (better-sqlite3): every scan, every
 * finding's first seen, last seen and life state, and every change of status.
 *
 * One scan is recorded in one IMMEDIATE transaction. Two hubcheck runs on the
 * same state are kept apart by the state lock (src/io/lock.ts), taken for the
 * whole run; SQLite's busy timeout covers anything else that opens the file.
 *
 * The schema has a version: `schema_migrations` lists the migrations applied,
 * and opening a file migrates it forward. A file from a newer hubcheck (a
 * migration this version does not know) is refused rather than damaged.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { Coverage } from '../domain/completeness.js';
import { countFindings } from '../domain/counts.js';
import { UsageError } from '../errors.js';
import { mkdirBounded } from '../io/output-dir.js';
import {
  CHANGE_LISTS,
  HISTORY_LISTED,
  changeBitsOf,
  computeDelta,
  type ChangeCounts,
  type FindingChanges,
  type FindingRecord,
  type HistoryDelta,
  type LifeState,
  type TrendPoint,
} from './delta.js';

interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'scans, findings and finding events',
    sql: `
      CREATE TABLE scans (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        accounts TEXT NOT NULL,           -- JSON array, sorted
        regions TEXT NOT NULL,            -- JSON array
        benchmarks TEXT NOT NULL,         -- JSON array
        score REAL,                       -- overall compliance score, percent
        scores TEXT NOT NULL,             -- JSON: score per benchmark
        counts TEXT NOT NULL              -- JSON: findings by status, and the delta's sizes
      );
      CREATE INDEX scans_started_at ON scans (started_at);
      CREATE TABLE findings (
        id TEXT PRIMARY KEY,              -- the ASFF Id (deterministic)
        rule_id TEXT NOT NULL,
        control TEXT NOT NULL,
        title TEXT NOT NULL,
        severity TEXT NOT NULL,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        scope TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        resource_name TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        status TEXT NOT NULL,             -- last Compliance.Status, or GONE
        state TEXT NOT NULL CHECK (state IN ('open', 'resolved', 'passing')),
        suppressed INTEGER NOT NULL DEFAULT 0,
        last_scan_id INTEGER NOT NULL
      );
      CREATE INDEX findings_account ON findings (account);
      CREATE INDEX findings_last_seen ON findings (last_seen);
      CREATE TABLE finding_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        finding_id TEXT NOT NULL,
        kind TEXT NOT NULL,               -- new | resolved | reopened | suppressed | unsuppressed | status
        from_status TEXT,
        to_status TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX finding_events_finding ON finding_events (finding_id);
      CREATE INDEX finding_events_scan ON finding_events (scan_id);
    `,
  },
  {
    version: 2,
    description: 'the changes each scan reports, per finding',
    sql: `
      -- What a scan's delta lists, finding by finding, read back an account at a time: the delta
      -- itself holds only the first of each list (an organization's first scan has one per failing finding).
      CREATE TABLE scan_changes (
        scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        account TEXT NOT NULL,
        finding_id TEXT NOT NULL,
        changes INTEGER NOT NULL,         -- CHANGE_BITS: new 1, reopened 2, no longer suppressed 4, resolved (passes) 8
        PRIMARY KEY (scan_id, account, finding_id)
      ) WITHOUT ROWID;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export interface RecordScanInput {
  startedAt: string;
  finishedAt: string;
  accounts: readonly string[];
  regions: readonly string[];
  benchmarks: readonly string[];
  findings: readonly AwsSecurityFinding[];
  /** Where this scan evaluated each rule cleanly: only there does a gone finding resolve. */
  coverage: Coverage;
  score: number | null;
  scores: Record<string, number | null>;
  /** How many trend points to return, this scan included. */
  trendLength?: number;
  /** How many of each list of changes the delta holds (default HISTORY_LISTED). */
  listed?: number;
}

/** What recording one account's findings tells about them. */
export interface AccountRecorded {
  /** First seen of each finding, by finding Id. */
  firstSeen: Map<string, string>;
  /** CHANGE_BITS of each of its findings that changed, by finding Id. */
  changes: ReadonlyMap<string, number>;
}

/** One scan being recorded (HistoryStore.startScan). */
export interface ScanRecorder {
  /** Records one account's findings, all of them. */
  account(account: string, findings: readonly AwsSecurityFinding[]): AccountRecorded;
  /** Stores the scan's score and counts, and returns what changed since the previous scan. */
  finish(scores: { score: number | null; scores: Record<string, number | null> }): HistoryDelta;
}

export interface RecordScanResult {
  delta: HistoryDelta;
  /** First seen of every finding of this scan, by finding Id. */
  firstSeen: Map<string, string>;
}

interface FindingRow {
  id: string;
  rule_id: string;
  control: string;
  title: string;
  severity: string;
  account: string;
  region: string;
  scope: string;
  resource_id: string;
  resource_name: string | null;
  first_seen: string;
  last_seen: string;
  status: string;
  state: LifeState;
  suppressed: number;
}

export class HistoryStore {
  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
  ) {}

  /** Opens (creating if needed) and migrates the state file; a file that is not a hubcheck state is a usage error. */
  static open(file: string): HistoryStore {
    mkdirBounded(path.dirname(path.resolve(file)));
    let db: Database.Database;
    try {
      db = new Database(file, { timeout: 10_000 });
      db.pragma('foreign_keys = ON');
      migrate(db, file);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`state file ${file}: ${(error as Error).message}`);
    }
    return new HistoryStore(db, file);
  }

  close(): void {
    this.db.close();
  }

  schemaVersion(): number {
    return (this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v;
  }

  /**
   * Holds what is recorded from now on until `commit()`; `rollback()` forgets it.
   * The pipeline records the scan, publishes the run's outputs, and only then
   * commits: a run that dies or fails to write its reports leaves the history as
   * it was, so the next run still sees its findings as new.
   */
  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
  }

  commit(): void {
    this.db.exec('COMMIT');
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  /** Records one scan and returns what changed since the previous one. */
  recordScan(input: RecordScanInput): RecordScanResult {
    const run = this.db.transaction(() => {
      const recorder = this.startScan(input);
      const byAccount = new Map<string, AwsSecurityFinding[]>(input.accounts.map((account) => [account, []]));
      for (const f of input.findings) {
        const account = f.AwsAccountId ?? '';
        const list = byAccount.get(account);
        if (list) list.push(f);
        else byAccount.set(account, [f]);
      }
      const firstSeen = new Map<string, string>();
      for (const [account, findings] of byAccount) for (const [id, at] of recorder.account(account, findings).firstSeen) firstSeen.set(id, at);
      return { delta: recorder.finish({ score: input.score, scores: input.scores }), firstSeen };
    });
    return run.immediate();
  }

  /**
   * Records one scan an account at a time, so a scan of many accounts is never
   * held whole: `account()` once per scanned account (every account of the
   * scan, with all its findings), then `finish()`. Call it inside `begin()` (or
   * a transaction) to make the scan one unit.
   */
  startScan(input: Omit<RecordScanInput, 'findings' | 'score' | 'scores'>): ScanRecorder {
    const accountsJson = JSON.stringify([...input.accounts].sort());
    const previousScan =
      (this.db
        .prepare('SELECT id, started_at AS startedAt FROM scans WHERE accounts = ? ORDER BY started_at DESC, id DESC LIMIT 1')
        .get(accountsJson) as { id: number; startedAt: string } | undefined) ?? null;
    // The scan's score and counts are known once every account is recorded: finish() fills them in.
    const scanId = Number(
      this.db
        .prepare(
          `INSERT INTO scans (started_at, finished_at, accounts, regions, benchmarks, score, scores, counts)
           VALUES (?, ?, ?, ?, ?, NULL, '{}', '{}')`,
        )
        .run(input.startedAt, input.finishedAt, accountsJson, JSON.stringify(input.regions), JSON.stringify(input.benchmarks)).lastInsertRowid,
    );
    const select = this.db.prepare('SELECT * FROM findings WHERE account = ?');
    const upsert = this.db.prepare(
      `INSERT INTO findings (id, rule_id, control, title, severity, account, region, scope, resource_id, resource_name,
                             first_seen, last_seen, status, state, suppressed, last_scan_id)
       VALUES (@id, @ruleId, @control, @title, @severity, @account, @region, @scope, @resourceId, @resourceName,
               @firstSeen, @lastSeen, @status, @state, @suppressed, @scanId)
       ON CONFLICT (id) DO UPDATE SET
         rule_id = excluded.rule_id, control = excluded.control, title = excluded.title, severity = excluded.severity,
         account = excluded.account, region = excluded.region, scope = excluded.scope, resource_id = excluded.resource_id,
         resource_name = excluded.resource_name, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
         status = excluded.status, state = excluded.state, suppressed = excluded.suppressed, last_scan_id = excluded.last_scan_id`,
    );
    const event = this.db.prepare('INSERT INTO finding_events (scan_id, finding_id, kind, from_status, to_status, at) VALUES (?, ?, ?, ?, ?, ?)');
    const change = this.db.prepare('INSERT INTO scan_changes (scan_id, account, finding_id, changes) VALUES (?, ?, ?, ?)');
    const delta: HistoryDelta = {
      stateFile: this.file,
      scanId,
      previousScan,
      new: [],
      reopened: [],
      resolved: [],
      suppressed: [],
      unsuppressed: [],
      trend: [],
    };
    const byStatus: Record<string, number> = {};
    // The delta keeps the first HISTORY_LISTED of each list and counts them all; scan_changes holds every one.
    const counts: ChangeCounts = { new: 0, reopened: 0, resolved: 0, suppressed: 0, unsuppressed: 0 };
    const recordAccount = this.db.transaction((account: string, findings: readonly AwsSecurityFinding[]): AccountRecorded => {
      const previous = new Map<string, FindingRecord>();
      for (const row of select.all(account) as FindingRow[]) previous.set(row.id, fromRow(row));
      const result = computeDelta(previous, findings, input.coverage, input.startedAt);
      for (const [status, n] of Object.entries(countFindings(findings).byStatus)) if (n > 0) byStatus[status] = (byStatus[status] ?? 0) + n;
      for (const list of CHANGE_LISTS) {
        counts[list] += result[list].length;
        const listed: unknown[] = delta[list];
        for (const item of result[list]) {
          if (listed.length >= (input.listed ?? HISTORY_LISTED)) break;
          listed.push(item);
        }
      }
      for (const record of result.records) upsert.run({ ...record, suppressed: record.suppressed ? 1 : 0, scanId });
      for (const e of result.events) event.run(scanId, e.findingId, e.kind, e.from, e.to, input.startedAt);
      const changes = changeBitsOf(result);
      for (const [id, bits] of changes) change.run(scanId, account, id, bits);
      return { firstSeen: new Map(result.records.map((r) => [r.id, r.firstSeen])), changes };
    });
    return {
      account: (account, findings) => recordAccount(account, findings),
      finish: ({ score, scores }) => {
        this.db
          .prepare('UPDATE scans SET score = ?, scores = ?, counts = ? WHERE id = ?')
          .run(score, JSON.stringify(scores), JSON.stringify({ byStatus, ...counts }), scanId);
        delta.counts = { ...counts };
        delta.changes = this.changes(scanId);
        delta.trend = (
          this.db
            .prepare('SELECT id AS scanId, started_at AS startedAt, score FROM scans WHERE accounts = ? ORDER BY started_at DESC, id DESC LIMIT ?')
            .all(accountsJson, input.trendLength ?? 30) as TrendPoint[]
        ).reverse();
        return delta;
      },
    };
  }

  /**
   * Deletes scans (with their events) that started before `now - days`, and
   * findings last seen before then. The latest scan is always kept.
   */
  prune(days: number, now: Date): { scans: number; findings: number } {
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    const run = this.db.transaction(() => {
      const latest = this.db.prepare('SELECT MAX(id) AS id FROM scans').get() as { id: number | null };
      const scans = this.db.prepare('DELETE FROM scans WHERE started_at < ? AND id IS NOT ?').run(cutoff, latest.id).changes;
      const findings = this.db.prepare('DELETE FROM findings WHERE last_seen < ?').run(cutoff).changes;
      return { scans, findings };
    });
    return run.immediate();
  }

  /**
   * Every finding's changes in one scan (CHANGE_BITS), read an account at a
   * time: a pass over findings grouped by account reads each account once.
   * Usable while the store is open.
   */
  changes(scanId: number): FindingChanges {
    const select = this.db.prepare('SELECT finding_id AS id, changes FROM scan_changes WHERE scan_id = ? AND account = ?');
    let account: string | undefined;
    let bits = new Map<string, number>();
    return Object.freeze({
      of: (finding: AwsSecurityFinding) => {
        const of = finding.AwsAccountId ?? '';
        if (of !== account) {
          bits = new Map((select.all(scanId, of) as { id: string; changes: number }[]).map((r) => [r.id, r.changes]));
          account = of;
        }
        return bits.get(finding.Id ?? '') ?? 0;
      },
    });
  }

  /** Whether the state holds the scan (pruned scans are gone). */
  hasScan(scanId: number): boolean {
    return this.db.prepare('SELECT 1 FROM scans WHERE id = ?').get(scanId) !== undefined;
  }

  /** Read access for tests and tools: the stored state of one finding. */
  finding(id: string): FindingRecord | undefined {
    const row = this.db.prepare('SELECT * FROM findings WHERE id = ?').get(id) as FindingRow | undefined;
    return row && fromRow(row);
  }

  events(findingId: string): { scanId: number; kind: string; from: string | null; to: string; at: string }[] {
    return this.db
      .prepare('SELECT scan_id AS scanId, kind, from_status AS "from", to_status AS "to", at FROM finding_events WHERE finding_id = ? ORDER BY id')
      .all(findingId) as { scanId: number; kind: string; from: string | null; to: string; at: string }[];
  }

  scans(): { id: number; startedAt: string; score: number | null }[] {
    return this.db.prepare('SELECT id, started_at AS startedAt, score FROM scans ORDER BY id').all() as {
      id: number;
      startedAt: string;
      score: number | null;
    }[];
  }
}

function migrate(db: Database.Database, file: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const newest = Math.max(0, ...applied);
  if (newest > SCHEMA_VERSION) {
    throw new UsageError(`state file ${file} has schema version ${newest}, newer than this hubcheck supports (${SCHEMA_VERSION})`);
  }
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.description,
        new Date().toISOString(),
      );
    }).immediate();
  }
}

function fromRow(row: FindingRow): FindingRecord {
  return {
    id: row.id,
    ruleId: row.rule_id,
    control: row.control,
    title: row.title,
    severity: row.severity,
    account: row.account,
    region: row.region,
    scope: row.scope,
    resourceId: row.resource_id,
    resourceName: row.resource_name,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    status: row.status,
    state: row.state,
    suppressed: row.suppressed === 1,
  };
}
