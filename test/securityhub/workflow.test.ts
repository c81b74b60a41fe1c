/**
 * Suppressions as Security Hub workflow, against a fake Security Hub
 * (aws-sdk-client-mock; moto has no BatchUpdateFindings): a suppressed finding
 * is imported then set to SUPPRESSED with its note; once the suppression has
 * expired the next run sets it back to NEW; a workflow a person set is left
 * alone unless the entry says override-workflow; UnprocessedFindings are
 * retried when transient, else reported and spooled.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchImportFindingsCommand, BatchUpdateFindingsCommand, SecurityHubClient, type AwsSecurityFinding, type BatchUpdateFindingsCommandInput } from '@aws-sdk/client-securityhub';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { fail } from '../../src/engine/rule.js';
import { RateLimiters } from '../../src/securityhub/rate-limiter.js';
import { UNSENT_WORKFLOW_FILE, pushScan } from '../../src/securityhub/scan-push.js';
import { noteFor, planWorkflow, workflowOwner } from '../../src/securityhub/workflow.js';
import { applySuppressions, parseSuppressions } from '../../src/suppressions/suppressions.js';
import { ACCOUNT, FakeClock, accountScan, evaluation, fakeSecurityHub, findingsOf, seededRandom, testRule } from '../helpers/securityhub.js';
import { spoolOf } from '../helpers/spool.js';
import { coverageOf } from '../../src/domain/completeness.js';

afterEach(() => {
  mockClient(SecurityHubClient).restore();
  mockClient(STSClient).restore();
});

const rule = testRule('test-sg-closed', 'region');
const sg = (id: string) => ({ type: 'AwsEc2SecurityGroup', id: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/${id}`, name: id });
const scans = [accountScan([evaluation(rule, 'us-east-1', ['sg-accepted', 'sg-person', 'sg-plain'].map((id) => fail(sg(id), 'open')))], [], ['us-east-1'])];
const SUPPRESSIONS = `suppressions:
  - rule: test-sg-closed
    resource: [sg-accepted, sg-person]
    reason: Legacy load balancer, replaced in Q1
    owner: net@example.com
    expires: 2026-12-31
`;
const byName = (findings: Iterable<AwsSecurityFinding>, name: string) => [...findings].find((f) => f.ProductFields?.['hubcheck/ResourceName'] === name)!;

/** The fake hub, answering BatchUpdateFindings by changing the stored findings (or not, as `unprocessed` says). */
function hubWithWorkflow(unprocessed: (id: string, call: number) => string | undefined = () => undefined) {
  const hub = fakeSecurityHub({ enabled: ['us-east-1'] });
  const updates: BatchUpdateFindingsCommandInput[] = [];
  // As in Security Hub, an import keeps the customer's fields (Workflow, Note) of a finding it updates.
  hub.mock.on(BatchImportFindingsCommand).callsFake(async (input: { Findings?: AwsSecurityFinding[] }) => {
    const findings = input.Findings ?? [];
    for (const f of findings) {
      const stored = hub.finding('us-east-1', f.Id!);
      hub.seed([{ ...f, ...(stored?.Workflow ? { Workflow: stored.Workflow } : {}), ...(stored?.Note ? { Note: stored.Note } : {}) }]);
    }
    return { SuccessCount: findings.length, FailedCount: 0, FailedFindings: [] };
  });
  hub.mock.on(BatchUpdateFindingsCommand).callsFake(async (input: BatchUpdateFindingsCommandInput) => {
    updates.push(input);
    const ids = input.FindingIdentifiers ?? [];
    const failed = ids.filter((f) => unprocessed(f.Id!, updates.length));
    for (const f of ids) {
      if (failed.includes(f)) continue;
      const stored = hub.finding('us-east-1', f.Id!)!;
      hub.store.get('us-east-1')!.set(f.Id!, { ...stored, Workflow: { Status: input.Workflow?.Status }, Note: { ...input.Note!, UpdatedAt: '2026-11-27T12:00:01.000Z' } });
    }
    return {
      ProcessedFindings: ids.filter((f) => !failed.includes(f)),
      UnprocessedFindings: failed.map((f) => ({ FindingIdentifier: f, ErrorCode: unprocessed(f.Id!, updates.length)!, ErrorMessage: 'no' })),
    };
  });
  return { hub, updates };
}

async function run(at: string, overrides: { text?: string } = {}) {
  const entries = parseSuppressions(overrides.text ?? SUPPRESSIONS, 'sup.yaml');
  const findings = applySuppressions(findingsOf(scans, at), entries, new Date(at)).findings;
  const outputDir = await mkdtemp(path.join(tmpdir(), 'hubcheck-workflow-'));
  let stderr = '';
  const sink = { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WritableStream;
  const clock = new FakeClock();
  const execution = { findings: spoolOf(findings), scans, coverage: coverageOf(scans), homeRegion: 'us-east-1', observedAt: at, sessions: new Map([[ACCOUNT, async () => ({ accessKeyId: 'a', secretAccessKey: 'b' })]]) };
  const outcome = await pushScan(execution, { outputDir }, sink, {
    clock,
    random: seededRandom(1),
    retry: { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 500 },
    limiters: new RateLimiters(clock),
    now: () => new Date(at),
  });
  return { outcome, stderr, outputDir };
}

describe('suppressions as Security Hub workflow', () => {
  it('sets a suppressed finding SUPPRESSED with its note, leaves a person\'s workflow alone, and sets it back to NEW once the suppression expires', async () => {
    const { hub, updates } = hubWithWorkflow();
    const first = await run('2026-11-27T12:00:00.000Z');
    expect(first.outcome.complete).toBe(true);
    const stored = () => hub.store.get('us-east-1')!.values();
    const accepted = byName(stored(), 'sg-accepted');
    expect(accepted.Workflow).toEqual({ Status: 'SUPPRESSED' });
    expect(accepted.Note?.UpdatedBy).toBe('hubcheck');
    expect(accepted.Note?.Text).toBe('hubcheck set workflow SUPPRESSED: Legacy load balancer, replaced in Q1 (owner net@example.com, expires 2026-12-31, suppression sup.yaml:2)');
    expect(byName(stored(), 'sg-plain').Workflow).toBeUndefined();
    expect(updates).toHaveLength(1);
    expect(updates[0]?.FindingIdentifiers?.map((f) => f.Id).sort()).toEqual([accepted.Id, byName(stored(), 'sg-person').Id].sort());
    expect(first.stderr).toContain('Security Hub us-east-1: workflow: suppressed 2, reopened 0, left alone 0 (set by a person), failed 0');

    // A person takes sg-person over in the console: NOTIFIED, with their own note.
    const personId = byName(stored(), 'sg-person').Id!;
    const person = { ...hub.finding('us-east-1', personId)!, Workflow: { Status: 'NOTIFIED' as const }, Note: { Text: 'ticket SEC-12', UpdatedBy: 'arn:aws:iam::123456789012:user/alice', UpdatedAt: '2026-12-01T00:00:00Z' } };
    hub.store.get('us-east-1')!.set(personId, person);

    // Same suppression, a day later: nothing to change, the person's workflow is kept.
    const second = await run('2026-11-28T12:00:00.000Z');
    expect(updates).toHaveLength(1);
    expect(second.stderr).toContain('workflow: suppressed 0, reopened 0, left alone 1 (set by a person), failed 0');
    expect(hub.finding('us-east-1', personId)?.Workflow).toEqual({ Status: 'NOTIFIED' });

    // After the expiry: hubcheck's own suppression goes back to NEW; the person's stays NOTIFIED.
    const third = await run('2027-01-02T00:00:00.000Z');
    expect(third.outcome.complete).toBe(true);
    expect(updates).toHaveLength(2);
    expect(updates[1]).toMatchObject({ Workflow: { Status: 'NEW' }, Note: { Text: 'hubcheck set workflow NEW: its suppression was removed or has expired', UpdatedBy: 'hubcheck' } });
    expect(updates[1]?.FindingIdentifiers?.map((f) => f.Id)).toEqual([accepted.Id]);
    expect(byName(stored(), 'sg-accepted').Workflow).toEqual({ Status: 'NEW' });
    expect(hub.finding('us-east-1', personId)?.Workflow).toEqual({ Status: 'NOTIFIED' });
  });

  it('override-workflow: true suppresses even over a workflow a person set', async () => {
    const { hub, updates } = hubWithWorkflow();
    await run('2026-11-27T12:00:00.000Z', { text: SUPPRESSIONS.replace('resource: [sg-accepted, sg-person]', 'resource: sg-none') });
    const id = byName(hub.store.get('us-east-1')!.values(), 'sg-person').Id!;
    hub.store.get('us-east-1')!.set(id, { ...hub.finding('us-east-1', id)!, Workflow: { Status: 'RESOLVED' }, Note: { Text: 'fixed?', UpdatedBy: 'alice', UpdatedAt: '2026-12-01T00:00:00Z' } });
    expect(updates).toHaveLength(0);
    const overriding = `${SUPPRESSIONS.replace('resource: [sg-accepted, sg-person]', 'resource: sg-person')}    override-workflow: true\n`;
    const result = await run('2026-11-28T12:00:00.000Z', { text: overriding });
    expect(result.stderr).toContain('workflow: suppressed 1, reopened 0, left alone 0');
    expect(hub.finding('us-east-1', id)).toMatchObject({ Workflow: { Status: 'SUPPRESSED' }, Note: { UpdatedBy: 'hubcheck' } });
  });

  it('retries UnprocessedFindings with a transient code, and reports and spools the others (exit 3)', async () => {
    let acceptedId = '';
    const { hub, updates } = hubWithWorkflow((id, call) => {
      if (id === acceptedId) return call < 3 ? 'ConcurrentUpdateError' : undefined;
      return 'InvalidInput';
    });
    acceptedId = byName(findingsOf(scans), 'sg-accepted').Id!;
    const result = await run('2026-11-27T12:00:00.000Z');
    expect(updates).toHaveLength(3);
    expect(updates.map((u) => u.FindingIdentifiers?.length)).toEqual([2, 1, 1]);
    expect(hub.finding('us-east-1', acceptedId)?.Workflow).toEqual({ Status: 'SUPPRESSED' });
    expect(result.outcome.complete).toBe(false);
    const personId = byName(findingsOf(scans), 'sg-person').Id!;
    expect(result.stderr).toContain(`workflow of ${personId} not set to SUPPRESSED: InvalidInput: no`);
    expect(result.stderr).toContain('workflow: suppressed 1, reopened 0, left alone 0 (set by a person), failed 1');
    const spooled = JSON.parse(await readFile(path.join(result.outputDir, UNSENT_WORKFLOW_FILE), 'utf8'));
    expect(spooled).toEqual([
      {
        FindingIdentifiers: [{ Id: personId, ProductArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default` }],
        Workflow: { Status: 'SUPPRESSED' },
        Note: { Text: expect.stringMatching(/^hubcheck set workflow SUPPRESSED: Legacy/), UpdatedBy: 'hubcheck' },
      },
    ]);
  });
});

describe('whose workflow it is', () => {
  const base = findingsOf(scans)[0]!;
  it.each([
    ['a finding Security Hub does not hold yet', 'nobody', undefined],
    ['NEW without a note', 'nobody', { ...base, Workflow: { Status: 'NEW' } }],
    ["SUPPRESSED with hubcheck's note for SUPPRESSED", 'hubcheck', { ...base, Workflow: { Status: 'SUPPRESSED' }, Note: { Text: 'hubcheck set workflow SUPPRESSED: x', UpdatedBy: 'hubcheck', UpdatedAt: 't' } }],
    ["RESOLVED over hubcheck's SUPPRESSED note (a person changed only the status)", 'person', { ...base, Workflow: { Status: 'RESOLVED' }, Note: { Text: 'hubcheck set workflow SUPPRESSED: x', UpdatedBy: 'hubcheck', UpdatedAt: 't' } }],
    ['NEW with a note by someone else', 'person', { ...base, Workflow: { Status: 'NEW' }, Note: { Text: 'looking', UpdatedBy: 'alice', UpdatedAt: 't' } }],
  ] as const)('%s: %s', (_name, owner, stored) => {
    expect(workflowOwner(stored as AwsSecurityFinding | undefined)).toBe(owner);
  });

  it('plans nothing for findings that are not hubcheck\'s, and groups findings sharing a change', () => {
    const entries = parseSuppressions(SUPPRESSIONS, 'sup.yaml');
    const current = applySuppressions(findingsOf(scans), entries, new Date('2026-11-27')).findings;
    const foreign = { ...current[0]!, Id: 'other/1', GeneratorId: 'someone-else' };
    const plan = planWorkflow([...current, foreign], []);
    expect(plan.updates).toEqual([{ status: 'SUPPRESSED', note: noteFor('SUPPRESSED', current[0]!), findings: current.slice(0, 2).map((f) => ({ Id: f.Id, ProductArn: f.ProductArn })) }]);
  });
});
