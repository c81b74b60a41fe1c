/**
 * The history across three scans: new, resolved (passing again, or gone where
 * the rule ran cleanly), reopened, suppressed and an expired suppression; then
 * retention pruning and the schema's migrations.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { Coverage } from '../../src/domain/completeness.js';
import { CHANGE_BITS, type HistoryDelta } from '../../src/history/delta.js';
import { HistoryStore, MIGRATIONS, SCHEMA_VERSION } from '../../src/history/store.js';
import { applySuppressions, parseSuppressions } from '../../src/suppressions/suppressions.js';
import { finding, type FindingSpec } from '../helpers/findings.js';

const T1 = '2026-11-01T00:00:00.000Z';
const T2 = '2026-11-10T00:00:00.000Z';
const T3 = '2026-11-20T00:00:00.000Z';

const spec = {
  A: { resource: 'sg-a', name: 'default (sg-a)' },
  B: { rule: 'iam-user-console-mfa-enabled', control: 'IAM.5', severity: 'MEDIUM', resource: 'arn:aws:iam::123456789012:user/bob', name: 'bob' },
  C: { resource: 'sg-c' },
  D: { resource: 'sg-d' },
  E: { rule: 'rule-e', control: 'X.1', resource: 'thing-e' },
  F: { rule: 'rule-f', control: 'X.2', region: 'eu-west-1', resource: 'thing-f' },
  G: { rule: 'rule-g', control: 'X.3', region: 'us-west-2', resource: 'thing-g' },
} satisfies Record<string, FindingSpec>;
type Key = keyof typeof spec;
const id = (key: Key) => finding(spec[key]).Id!;
const make = (key: Key, status: FindingSpec['status']) => finding({ ...spec[key], status });

const suppressions = parseSuppressions(
  `suppressions:
  - rule: EC2.2
    resource: sg-d
    reason: Legacy VPC, being decommissioned
    owner: netops@example.com
    expires: 2026-11-15
`,
  'suppressions.yaml',
);

/** Every scan evaluates these rule, account and Region scopes cleanly; eu-west-1 never does. */
const CLEAN_RULES = ['ec2-default-sg-closed', 'iam-user-console-mfa-enabled', 'rule-e', 'rule-g'];
const CLEAN: Coverage = {
  covers: (rule, account, region) => CLEAN_RULES.includes(rule) && account === '123456789012' && region === 'us-east-1',
};

function record(store: HistoryStore, at: string, findings: AwsSecurityFinding[]) {
  const marked = applySuppressions(findings, suppressions, new Date(at)).findings;
  return store.recordScan({
    startedAt: at,
    finishedAt: at,
    accounts: ['123456789012'],
    regions: ['us-east-1', 'eu-west-1'],
    benchmarks: ['cis-5.0.0'],
    findings: marked,
    coverage: CLEAN,
    score: 50,
    scores: { 'cis-5.0.0': 50 },
  });
}

const sorted = (ids: string[]) => [...ids].sort();
const ids = (...keys: Key[]) => sorted(keys.map(id));

describe('history across three scans', () => {
  let file = '';
  const deltas: HistoryDelta[] = [];
  const firstSeen: Map<string, string>[] = [];

  beforeAll(async () => {
    file = path.join(await mkdtemp(path.join(tmpdir(), 'hubcheck-history-')), 'state.sqlite');
    const store = HistoryStore.open(file);
    try {
      const scans: [string, AwsSecurityFinding[]][] = [
        [T1, [make('A', 'FAILED'), make('B', 'FAILED'), make('C', 'PASSED'), make('D', 'FAILED'), make('E', 'FAILED'), make('F', 'FAILED'), make('G', 'PASSED')]],
        [T2, [make('A', 'FAILED'), make('B', 'PASSED'), make('C', 'FAILED'), make('D', 'FAILED')]],
        [T3, [make('A', 'PASSED'), make('B', 'FAILED'), make('C', 'FAILED'), make('D', 'FAILED'), make('E', 'FAILED'), make('F', 'FAILED')]],
      ];
      for (const [at, findings] of scans) {
        const result = record(store, at, findings);
        deltas.push(result.delta);
        firstSeen.push(result.firstSeen);
      }
    } finally {
      store.close();
    }
  });

  it('scan 1: with no previous scan every unsuppressed failing finding is new; the suppressed one is not', () => {
    const [d] = deltas;
    expect(d!.previousScan).toBeNull();
    expect(sorted(d!.new)).toEqual(ids('A', 'B', 'E', 'F'));
    expect(d!.suppressed).toEqual([id('D')]);
    expect(d!.resolved).toEqual([]);
    expect(d!.reopened).toEqual([]);
  });

  it('scan 2: a passing finding that fails is new, a fixed one and one gone from a clean scope are resolved', () => {
    const d = deltas[1]!;
    expect(d.previousScan).toEqual({ id: deltas[0]!.scanId, startedAt: T1 });
    expect(d.new).toEqual([id('C')]);
    expect(d.resolved.map((r) => [r.id, r.now]).sort()).toEqual(
      [
        [id('B'), 'PASSED'],
        [id('E'), 'GONE'],
      ].sort(),
    );
    expect(d.resolved.find((r) => r.id === id('B'))).toMatchObject({ control: 'IAM.5', severity: 'MEDIUM', resourceName: 'bob', firstSeen: T1 });
    // F is gone too, but eu-west-1 was not evaluated cleanly: unknown, not resolved.
    expect(d.resolved.map((r) => r.id)).not.toContain(id('F'));
    expect(d.suppressed).toEqual([id('D')]);
  });

  it('scan 3: resolved findings that fail again are reopened, an expired suppression stops applying, a fix resolves', () => {
    const d = deltas[2]!;
    expect(d.new).toEqual([]);
    expect(sorted(d.reopened)).toEqual(ids('B', 'E'));
    expect(d.resolved.map((r) => [r.id, r.now])).toEqual([[id('A'), 'PASSED']]);
    expect(d.suppressed).toEqual([]);
    expect(d.unsuppressed).toEqual([id('D')]);
    // F was open all along: failing again is neither new nor reopened.
    expect([...d.new, ...d.reopened]).not.toContain(id('F'));
    expect(d.trend.map((p) => p.startedAt)).toEqual([T1, T2, T3]);
  });

  it('keeps first seen across scans and records every status change', () => {
    expect(firstSeen[2]!.get(id('B'))).toBe(T1);
    expect(firstSeen[2]!.get(id('C'))).toBe(T1);
    const store = HistoryStore.open(file);
    try {
      expect(store.finding(id('B'))).toMatchObject({ firstSeen: T1, lastSeen: T3, status: 'FAILED', state: 'open' });
      expect(store.finding(id('E'))).toMatchObject({ firstSeen: T1, lastSeen: T3, state: 'open' });
      expect(store.finding(id('A'))).toMatchObject({ state: 'resolved', status: 'PASSED' });
      expect(store.events(id('B')).map((e) => [e.kind, e.from, e.to])).toEqual([
        ['new', null, 'FAILED'],
        ['resolved', 'FAILED', 'PASSED'],
        ['reopened', 'PASSED', 'FAILED'],
      ]);
      expect(store.events(id('E')).map((e) => [e.kind, e.to])).toEqual([
        ['new', 'FAILED'],
        ['resolved', 'GONE'],
        ['reopened', 'FAILED'],
      ]);
      expect(store.events(id('D')).map((e) => e.kind)).toEqual(['new', 'suppressed', 'unsuppressed']);
    } finally {
      store.close();
    }
  });

  it('prunes scans and findings older than the retention, keeping the rest', () => {
    const store = HistoryStore.open(file);
    try {
      // Cut-off 2026-11-05: scan 1 goes, and G (last seen in scan 1) with it.
      expect(store.prune(15, new Date(T3))).toEqual({ scans: 1, findings: 1 });
      expect(store.scans().map((s) => s.startedAt)).toEqual([T2, T3]);
      expect(store.finding(id('G'))).toBeUndefined();
      expect(store.finding(id('F'))).toBeDefined();
      // The events of the pruned scan go with it; the finding keeps its first seen.
      expect(store.events(id('B')).map((e) => e.kind)).toEqual(['resolved', 'reopened']);
      expect(store.finding(id('B'))!.firstSeen).toBe(T1);
      // The latest scan is never pruned, whatever the retention.
      expect(store.prune(1, new Date('2027-06-01T00:00:00Z')).scans).toBe(1);
      expect(store.scans().map((s) => s.startedAt)).toEqual([T3]);
    } finally {
      store.close();
    }
  });
});

describe('a delta of many changes', () => {
  const ACCOUNTS = ['111111111111', '222222222222'];
  const everywhere: Coverage = { covers: () => true };
  const of = (account: string, n: number, status: FindingSpec['status']) =>
    Array.from({ length: n }, (_, i) => finding({ account, resource: `sg-${i}`, status }));
  const scan = (store: HistoryStore, at: string, findings: AwsSecurityFinding[][]) => {
    const recorder = store.startScan({ startedAt: at, finishedAt: at, accounts: ACCOUNTS, regions: ['us-east-1'], benchmarks: ['cis-5.0.0'], coverage: everywhere, listed: 3 });
    const recorded = ACCOUNTS.map((account, i) => recorder.account(account, findings[i]!));
    return { recorded, delta: recorder.finish({ score: null, scores: {} }) };
  };

  it('lists the first of each kind, counts them all, and reads every finding\'s change back from the state file', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'hubcheck-many-')), 'state.sqlite');
    const store = HistoryStore.open(file);
    const first = [of(ACCOUNTS[0]!, 5, 'FAILED'), of(ACCOUNTS[1]!, 4, 'FAILED')];
    const one = scan(store, T1, first);
    expect(one.delta.new).toEqual(first[0]!.slice(0, 3).map((f) => f.Id));
    expect(one.delta.counts).toEqual({ new: 9, reopened: 0, resolved: 0, suppressed: 0, unsuppressed: 0 });
    expect([...one.recorded[1]!.changes.values()]).toEqual([1, 1, 1, 1]);
    // Read back in any order of accounts: each finding's own bits, none for a finding of another scan.
    for (const f of [...first[1]!, ...first[0]!, first[1]![0]!]) expect(one.delta.changes!.of(f)).toBe(CHANGE_BITS.new);
    expect(one.delta.changes!.of(finding({ account: ACCOUNTS[0]!, resource: 'sg-unknown' }))).toBe(0);

    // The next scan: two of the first account's pass (resolved), the rest fail on (no change).
    const second = [[...of(ACCOUNTS[0]!, 2, 'PASSED'), ...first[0]!.slice(2)], first[1]!];
    const two = scan(store, T2, second);
    expect(two.delta.counts).toMatchObject({ new: 0, resolved: 2 });
    expect(second.flat().map((f) => two.delta.changes!.of(f))).toEqual([8, 8, 0, 0, 0, 0, 0, 0, 0]);
    // The first scan's changes stay its own, and go when it is pruned.
    expect(store.changes(one.delta.scanId).of(first[0]![0]!)).toBe(CHANGE_BITS.new);
    store.prune(1, new Date('2026-11-10T12:00:00.000Z'));
    expect(store.hasScan(one.delta.scanId)).toBe(false);
    expect(store.changes(one.delta.scanId).of(first[0]![0]!)).toBe(0);
    store.close();
    // After close a lookup that must read the state file throws rather than answer "unchanged".
    expect(() => two.delta.changes!.of(first[0]![0]!)).toThrow(/not open/);
  });
});

describe('state file schema', () => {
  it('migrates a state file of schema 1 forward, keeping its scans', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'hubcheck-schema-')), 'state.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
    db.exec(MIGRATIONS[0]!.sql);
    db.prepare("INSERT INTO schema_migrations VALUES (1, 'v1', '2026-01-01')").run();
    db.prepare("INSERT INTO scans (started_at, finished_at, accounts, regions, benchmarks, scores, counts) VALUES ('2026-01-01', '2026-01-01', '[]', '[]', '[]', '{}', '{}')").run();
    db.close();
    const store = HistoryStore.open(file);
    expect(store.schemaVersion()).toBe(2);
    expect(store.scans()).toHaveLength(1);
    expect(store.changes(1).of(finding({}))).toBe(0);
    store.close();
  });

  it('records its migrations, opens again without re-running them, and refuses a newer schema', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'hubcheck-schema-')), 'state.sqlite');
    HistoryStore.open(file).close();
    const store = HistoryStore.open(file);
    expect(store.schemaVersion()).toBe(SCHEMA_VERSION);
    store.close();
    const db = new Database(file);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: SCHEMA_VERSION });
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01')").run();
    db.close();
    expect(() => HistoryStore.open(file)).toThrow(/schema version 99, newer than this hubcheck supports/);
  });

  it('turns a file that is not SQLite into a one-line usage error', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'hubcheck-schema-')), 'state.sqlite');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, 'this is not a database, just text that is long enough'.repeat(20)));
    expect(() => HistoryStore.open(file)).toThrow(/^state file .*state\.sqlite: file is not a database$/);
  });
});
