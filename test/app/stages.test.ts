/** Pipeline stages return new objects: what an earlier stage produced stays as it was. */
import { mkdtempSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ScanExecution } from '../../src/app/evaluate.js';
import { historyStage } from '../../src/app/history-delta.js';
import { exitCodeFor, scanRecord, type ScanOutcome } from '../../src/app/outcome.js';
import { suppressor } from '../../src/app/suppress.js';
import { countFindings } from '../../src/domain/counts.js';
import { complianceScores } from '../../src/domain/score.js';
import { verdictOf } from '../../src/domain/status.js';
import type { ScanDocument } from '../../src/engine/scan-document.js';
import { FindingSpool } from '../../src/io/finding-spool.js';
import { parseSuppressions } from '../../src/suppressions/suppressions.js';
import { finding } from '../helpers/findings.js';

const AT = '2026-11-27T12:00:00.000Z';
const ACCOUNT = '123456789012';
const findings = Object.freeze([finding({ resource: 'a', at: AT }), finding({ resource: 'b', at: AT, status: 'PASSED' })]);
const spoolOf = (list: readonly AwsSecurityFinding[]) => {
  const spool = FindingSpool.create();
  spool.add(ACCOUNT, list);
  return spool;
};
const execution = (observedAt: string): ScanExecution => ({
  findings: spoolOf(findings),
  document: { finishedAt: observedAt, regions: ['us-east-1'], benchmarks: ['cis-5.0.0'], errors: [] } as unknown as ScanDocument,
  scans: [{ identity: { account: ACCOUNT }, issues: [] } as never],
  coverage: { covers: () => false },
  failures: [],
  benchmarks: ['5.0.0'],
  homeRegion: 'us-east-1',
  observedAt,
});
const suppress = (list: readonly AwsSecurityFinding[]) => {
  const s = suppressor({ file: 's.yaml', entries }, new Date(AT), new PassThrough());
  return { findings: s.apply(list), record: s.record() };
};
/** The history stage over one account's findings: dated copies, the delta, and the stage (to commit and close). */
const recordHistory = (at: string, list: readonly AwsSecurityFinding[], state: string) => {
  const stage = historyStage(execution(at), state, 90);
  const dated = stage.account(ACCOUNT, list);
  return { stage, findings: dated.findings, changes: dated.changes, delta: stage.finish(complianceScores(dated.findings.map(verdictOf))).delta };
};
const entries = parseSuppressions('suppressions:\n  - rule: ec2-default-sg-closed\n    reason: lab\n    owner: me\n    expires: 2099-01-01\n', 's.yaml');

describe('pipeline stages', () => {
  it('suppress marks copies and leaves the evaluated findings untouched', () => {
    const before = JSON.stringify(findings);
    const out = suppress(findings);
    expect(out.findings.map((f) => f.Workflow?.Status)).toEqual(['SUPPRESSED', undefined]);
    expect(JSON.stringify(findings)).toBe(before);
    expect(out.record).toMatchObject({ entries: 1, suppressed: 1 });
    expect(Object.isFrozen(out.findings)).toBe(true);
  });

  it('history delta dates copies from the state file and leaves its input untouched', async () => {
    const state = path.join(await mkdtemp(path.join(tmpdir(), 'hubcheck-stages-')), 'state.sqlite');
    const first = recordHistory(AT, findings, state).stage;
    first.commit();
    first.close();
    const later = '2026-11-28T12:00:00.000Z';
    const input = findings.map((f) => ({ ...f, LastObservedAt: later }));
    const before = JSON.stringify(input);
    const second = recordHistory(later, input, state);
    expect(JSON.stringify(input)).toBe(before);
    expect(second.findings.map((f) => [f.FirstObservedAt, f.CreatedAt, f.LastObservedAt])).toEqual([
      [AT, AT, later],
      [AT, AT, later],
    ]);
    expect(second.delta?.previousScan?.startedAt).toBe(AT);
    second.stage.close();
  });

  it('history is committed only when asked: a run whose outputs were not published leaves it as it was', () => {
    const state = path.join(mkdtempSync(path.join(tmpdir(), 'hubcheck-stage-')), 'state.sqlite');
    const failing = findings.filter((f) => f.Compliance?.Status === 'FAILED');
    const lost = recordHistory(AT, findings, state);
    expect(lost.delta?.new).toEqual(failing.map((f) => f.Id));
    lost.stage.close(); // the outputs failed: no commit
    const retry = recordHistory('2026-11-28T12:00:00.000Z', findings, state);
    // The finding the lost run saw is still new: nobody was told of it.
    expect(retry.delta?.new).toEqual(failing.map((f) => f.Id));
    expect(retry.delta?.previousScan).toBeNull();
    retry.stage.commit();
    retry.stage.close();
    const third = recordHistory('2026-11-29T12:00:00.000Z', findings, state);
    expect(third.delta?.new).toEqual([]);
    third.stage.close();
  });

  it('the exit code comes from the outcome alone: a suppression or an undelivered push changes it there', () => {
    // An outcome's scan record counts its findings (the pipeline counts them as it writes them).
    const outcome = (list: readonly AwsSecurityFinding[], over: Partial<ScanOutcome> = {}): ScanOutcome => ({
      findings: spoolOf(list),
      document: scanRecord(execution(AT).document, countFindings(list), {}),
      failOn: 'LOW',
      ...over,
    });
    expect(exitCodeFor(outcome(findings))).toBe(1);
    const quiet = suppress(findings).findings;
    expect(exitCodeFor(outcome(quiet))).toBe(0);
    expect(exitCodeFor(outcome(quiet, { securityhub: { complete: false } }))).toBe(3);
    expect(scanRecord(execution(AT).document, countFindings(quiet), {}).counts).toMatchObject({ suppressed: 1, failing: 0 });
  });
});
