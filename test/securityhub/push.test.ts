/**
 * The push against a fake Security Hub (aws-sdk-client-mock): Region routing,
 * DescribeHub, the lifecycle over two runs, GetFindings answers re-checked on
 * the client, and the acceptance case: 10,000 findings across 3 Regions with
 * throttling and 5% FailedFindings all end up imported or in unsent.asff.json.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { validateFindings } from '../../src/asff/validate.js';
import { accountResource, fail, notAvailable, pass } from '../../src/engine/rule.js';
import { coverageOf } from '../../src/domain/completeness.js';
import { pushFindings, type PushDeps, type PushInput } from '../../src/securityhub/push.js';
import { RateLimiters } from '../../src/securityhub/rate-limiter.js';
import { UNSENT_FILE, pushScan, type ScanPushInput } from '../../src/securityhub/scan-push.js';
import {
  ACCOUNT,
  FakeClock,
  accountScan,
  awsError,
  bucketViolation,
  evaluation,
  fakeSecurityHub,
  findingsOf,
  seededRandom,
  testRule,
} from '../helpers/securityhub.js';
import { minimal } from '../helpers/asff-samples.js';
import { spoolOf } from '../helpers/spool.js';

const sgRule = testRule('test-sg-closed', 'region');
const userRule = testRule('test-user-mfa', 'account', 'AwsIamUser');
const otherRule = testRule('test-other-rule', 'region');
const sg = (id: string, region: string) => ({ type: 'AwsEc2SecurityGroup', id: `arn:aws:ec2:${region}:${ACCOUNT}:security-group/${id}`, name: id });
const user = (name: string) => ({ type: 'AwsIamUser', id: `arn:aws:iam::${ACCOUNT}:user/${name}`, name });
const policy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 5000 };

afterEach(() => {
  mockClient(SecurityHubClient).restore();
  mockClient(STSClient).restore();
});

function deps(clock = new FakeClock(), overrides: Partial<PushDeps> = {}): PushDeps {
  return {
    client: (region) => new SecurityHubClient({ region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
    identity: async () => ({ account: ACCOUNT, partition: 'aws' }),
    clock,
    retry: policy,
    random: seededRandom(7),
    limiters: new RateLimiters(clock),
    ...overrides,
  };
}

function input(scans: ReturnType<typeof accountScan>[], observedAt: string): PushInput {
  return {
    findings: findingsOf(scans, observedAt),
    coverage: coverageOf(scans),
    scopes: scans.flatMap((s) => s.regions.map((region) => ({ account: ACCOUNT, region }))),
    observedAt,
  };
}

const byName = (findings: Iterable<AwsSecurityFinding>, name: string) =>
  [...findings].find((f) => f.ProductFields?.['hubcheck/ResourceName'] === name);

describe('pushFindings', () => {
  it('sends each finding to the Region of its ProductArn, and reports a Region without Security Hub', async () => {
    const hub = fakeSecurityHub({ enabled: ['us-east-1'] });
    const scans = [
      accountScan([
        evaluation(sgRule, 'us-east-1', [fail(sg('sg-a', 'us-east-1'), 'open')]),
        evaluation(sgRule, 'eu-west-1', [fail(sg('sg-b', 'eu-west-1'), 'open'), pass(sg('sg-c', 'eu-west-1'), 'closed')]),
        evaluation(userRule, 'us-east-1', [fail(user('bob'), 'no MFA')]),
      ]),
    ];
    const result = await pushFindings(input(scans, '2026-11-27T12:00:00.000Z'), deps());
    expect([...hub.store.get('us-east-1')!.values()].map((f) => f.ProductFields?.['hubcheck/ResourceName']).sort()).toEqual(['bob', 'sg-a']);
    expect(hub.store.get('eu-west-1')).toBeUndefined();
    expect(result.regions).toEqual([
      expect.objectContaining({ region: 'eu-west-1', state: 'not-enabled', failed: 2, sent: 0, reason: expect.stringMatching(/^InvalidAccessException: .*not subscribed/) }),
      expect.objectContaining({ region: 'us-east-1', state: 'pushed', sent: 2, failed: 0, archived: 0, resolved: 0 }),
    ]);
    expect(result.unsent.map((u) => [u.region, u.finding.ProductFields?.['hubcheck/ResourceName'], u.error.ErrorCode])).toEqual([
      ['eu-west-1', 'sg-b', 'InvalidAccessException'],
      ['eu-west-1', 'sg-c', 'InvalidAccessException'],
    ]);
  });

  it('over two runs: keeps FirstObservedAt, resolves the fixed, archives the gone, and leaves alone what this run did not look at', async () => {
    const hub = fakeSecurityHub({ enabled: ['us-east-1', 'eu-west-1'] });
    const run1 = '2026-11-20T08:00:00.000Z';
    const run2 = '2026-11-27T12:00:00.000Z';
    const first = [
      accountScan([
        evaluation(sgRule, 'us-east-1', [fail(sg('sg-fixed', 'us-east-1'), 'open'), fail(sg('sg-deleted', 'us-east-1'), 'open')]),
        evaluation(sgRule, 'eu-west-1', [fail(sg('sg-eu', 'eu-west-1'), 'open'), fail(sg('sg-eu-deleted', 'eu-west-1'), 'open')]),
        evaluation(otherRule, 'us-east-1', [fail(sg('sg-other', 'us-east-1'), 'other problem')]),
      ]),
    ];
    await pushFindings(input(first, run1), deps(new FakeClock(), { now: () => new Date(run1) }));
    const custom = { ...minimal(), Id: 'my-custom-finding' } as AwsSecurityFinding;
    hub.seed([custom]);
    const before = structuredClone(hub.store);

    // Run 2 runs sgRule only (otherRule is filtered out), and sgRule fails to read eu-west-1.
    const second = [
      accountScan(
        [
          evaluation(sgRule, 'us-east-1', [pass(sg('sg-fixed', 'us-east-1'), 'closed now')]),
          evaluation(sgRule, 'eu-west-1', [notAvailable(accountResource(ACCOUNT, 'eu-west-1'), 'Missing permission ec2:DescribeSecurityGroups (AccessDenied)')]),
        ],
        [{ kind: 'data-unavailable', account: ACCOUNT, region: 'eu-west-1', rule: sgRule.id, action: 'ec2:DescribeSecurityGroups', code: 'AccessDenied', message: 'denied' }],
      ),
    ];
    const pushedAt = new Date('2026-11-27T12:00:03.000Z');
    const result = await pushFindings(input(second, run2), deps(new FakeClock(), { now: () => pushedAt }));

    const us = hub.store.get('us-east-1')!;
    expect(byName(us.values(), 'sg-fixed')).toMatchObject({
      Compliance: { Status: 'PASSED' },
      RecordState: 'ACTIVE',
      FirstObservedAt: run1,
      CreatedAt: run1,
      LastObservedAt: run2,
    });
    expect(Date.parse(byName(us.values(), 'sg-fixed')!.UpdatedAt!)).toBeGreaterThan(Date.parse(run1));
    expect(byName(us.values(), 'sg-deleted')).toMatchObject({ RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' }, UpdatedAt: pushedAt.toISOString() });
    // Not covered by run 2: another rule's finding, a Region where the rule failed, a custom finding.
    expect(byName(us.values(), 'sg-other')).toEqual(byName(before.get('us-east-1')!.values(), 'sg-other'));
    expect(us.get('my-custom-finding')).toEqual(custom);
    const eu = hub.store.get('eu-west-1')!;
    expect(byName(eu.values(), 'sg-eu-deleted')).toEqual(byName(before.get('eu-west-1')!.values(), 'sg-eu-deleted'));
    expect(result.regions.find((r) => r.region === 'us-east-1')).toMatchObject({ sent: 1, archived: 1, resolved: 1, failed: 0 });
    // The NOT_AVAILABLE finding of the failed evaluation is itself sent, in eu-west-1.
    expect(result.regions.find((r) => r.region === 'eu-west-1')).toMatchObject({ sent: 1, archived: 0 });
    // No Id twice in any request, and no Id in two requests of the same run.
    const secondRunIds = hub.calls.slice(-2).flatMap((c) => c.ids);
    expect(new Set(secondRunIds).size).toBe(secondRunIds.length);
  });

  it('re-checks what GetFindings returns (moto ignores filters): other products, accounts and archived findings are not touched', async () => {
    const hub = fakeSecurityHub({ enabled: ['us-east-1'] });
    const old = findingsOf([accountScan([evaluation(sgRule, 'us-east-1', [fail(sg('sg-x', 'us-east-1'), 'open')])])], '2026-11-01T00:00:00.000Z')[0]!;
    const foreignProduct = { ...old, Id: `${old.Id}-p`, ProductArn: 'arn:aws:securityhub:us-east-1::product/prowler/prowler' };
    const foreignAccount = { ...old, Id: `${old.Id}-a`, AwsAccountId: '999999999999' };
    const archived = { ...old, Id: `${old.Id}-r`, RecordState: 'ARCHIVED' as const };
    const linkedRegion = { ...old, Id: `${old.Id}-l`, Region: 'eu-west-1' };
    hub.seed([foreignProduct, foreignAccount, archived, linkedRegion]);
    const scans = [accountScan([evaluation(sgRule, 'us-east-1', [])], [], ['us-east-1'])];
    const result = await pushFindings(input(scans, '2026-11-27T12:00:00.000Z'), deps());
    expect(hub.calls).toEqual([]);
    expect(result.regions).toEqual([expect.objectContaining({ region: 'us-east-1', archived: 0, sent: 0 })]);
    expect(hub.getFindingsCalls[0]?.filters).toEqual({
      ProductArn: [{ Comparison: 'EQUALS', Value: `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default` }],
      AwsAccountId: [{ Comparison: 'EQUALS', Value: ACCOUNT }],
      RecordState: [{ Comparison: 'EQUALS', Value: 'ACTIVE' }],
      Region: [{ Comparison: 'EQUALS', Value: 'us-east-1' }],
      GeneratorId: [{ Comparison: 'PREFIX', Value: 'hubcheck/' }],
    });
  });

  it('pages through GetFindings within its 3 requests/s (burst 6)', async () => {
    const clock = new FakeClock();
    const hub = fakeSecurityHub({ enabled: ['us-east-1'], pageSize: 2 });
    const previous = findingsOf(
      [accountScan([evaluation(sgRule, 'us-east-1', Array.from({ length: 30 }, (_, i) => fail(sg(`sg-${i}`, 'us-east-1'), 'open')))])],
      '2026-11-01T00:00:00.000Z',
    );
    hub.seed(previous);
    const times: number[] = [];
    hub.mock.on(GetFindingsCommand).callsFake(async (req: { NextToken?: string }) => {
      times.push(clock.now());
      const start = Number(req.NextToken ?? 0);
      return { Findings: previous.slice(start, start + 2), ...(start + 2 < previous.length ? { NextToken: String(start + 2) } : {}) };
    });
    const scans = [accountScan([evaluation(sgRule, 'us-east-1', [])], [], ['us-east-1'])];
    const result = await pushFindings(input(scans, '2026-11-27T12:00:00.000Z'), deps(clock));
    expect(times).toHaveLength(15);
    expect(bucketViolation(times, 3, 6)).toBeUndefined();
    expect(result.regions[0]).toMatchObject({ archived: 30, failed: 0 });
  });

  it('does not push a Region whose existing findings cannot be read, rather than reset their history', async () => {
    const hub = fakeSecurityHub({ enabled: ['us-east-1'] });
    hub.mock.on(GetFindingsCommand).rejects(awsError('AccessDeniedException', 403, 'not authorized to perform: securityhub:GetFindings'));
    const scans = [accountScan([evaluation(sgRule, 'us-east-1', [fail(sg('sg-a', 'us-east-1'), 'open')])], [], ['us-east-1'])];
    const result = await pushFindings(input(scans, '2026-11-27T12:00:00.000Z'), deps());
    expect(hub.calls).toEqual([]);
    expect(result.regions[0]).toMatchObject({ state: 'unreachable', failed: 1, reason: expect.stringMatching(/^AccessDeniedException: cannot read/) });
    expect(result.unsent).toHaveLength(1);
  });

  it('keeps every finding when the caller cannot be identified, and refuses another account\'s findings', async () => {
    const hub = fakeSecurityHub({ enabled: ['us-east-1'] });
    const scans = [accountScan([evaluation(sgRule, 'us-east-1', [fail(sg('sg-a', 'us-east-1'), 'open')])], [], ['us-east-1'])];
    const noIdentity = await pushFindings(input(scans, '2026-11-27T12:00:00.000Z'), deps(new FakeClock(), { identity: () => Promise.reject(awsError('ExpiredToken', 400)) }));
    expect(noIdentity.fatal).toMatch(/ExpiredToken/);
    expect(noIdentity.unsent).toHaveLength(1);
    const otherAccount = await pushFindings(
      input(scans, '2026-11-27T12:00:00.000Z'),
      deps(new FakeClock(), { identity: async () => ({ account: '444455556666', partition: 'aws' }) }),
    );
    expect(otherAccount.unsent.map((u) => u.error.ErrorCode)).toEqual(['AccountMismatch']);
    expect(hub.calls).toEqual([]);
  });
});

describe('acceptance: 10,000 findings, 3 Regions, throttling and 5% FailedFindings', () => {
  it('imports every finding or lists it in unsent.asff.json; none is dropped silently', async () => {
    const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
    const perRegion = [3334, 3333, 3333];
    const evaluations = regions.map((region, r) =>
      evaluation(sgRule, region, Array.from({ length: perRegion[r]! }, (_, i) => (i % 3 ? fail : pass)(sg(`sg-${region}-${i}`, region), 'state'))),
    );
    const scans = [accountScan(evaluations, [], regions)];
    const findings = findingsOf(scans);
    expect(findings).toHaveLength(10_000);

    const clock = new FakeClock();
    const random = seededRandom(42);
    const attempts = new Map<string, number>();
    // 5% of findings fail: a fifth of those for good (InvalidInput), the rest transiently.
    const fate = new Map(findings.map((f, i) => [f.Id!, i % 20 === 0 ? (i % 100 === 0 ? 'invalid' : i % 60 === 0 ? 'always-busy' : 'transient') : 'ok']));
    const hub = fakeSecurityHub({
      enabled: regions,
      clock,
      throttle: () => (random() < 0.25 ? awsError('TooManyRequestsException', 429, 'Rate exceeded') : undefined),
      reject: (f) => {
        const n = (attempts.get(f.Id!) ?? 0) + 1;
        attempts.set(f.Id!, n);
        const kind = fate.get(f.Id!);
        if (kind === 'invalid') return { ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to Amazon Finding Format. data.Types[0] should match pattern' };
        if (kind === 'always-busy' || (kind === 'transient' && n < 3)) return { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal failure, try again' };
        return undefined;
      },
    });
    mockClient(STSClient).on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/test` });

    const outputDir = await mkdtemp(path.join(tmpdir(), 'hubcheck-push-'));
    const execution: ScanPushInput = {
      findings: spoolOf(findings),
      scans,
      coverage: coverageOf(scans),
      homeRegion: 'us-east-1',
      observedAt: '2026-11-27T12:00:00.000Z',
    };
    let stderr = '';
    const sink = { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WritableStream;
    const outcome = await pushScan(execution, { outputDir }, sink, { clock, random, retry: policy, limiters: new RateLimiters(clock) });

    const imported = new Set([...hub.store.values()].flatMap((s) => [...s.keys()]));
    const unsent = JSON.parse(await readFile(path.join(outputDir, UNSENT_FILE), 'utf8')) as AwsSecurityFinding[];
    const unsentIds = new Set(unsent.map((f) => f.Id!));
    // Every finding is in exactly one place.
    expect(imported.size + unsentIds.size).toBe(10_000);
    expect(findings.every((f) => imported.has(f.Id!) !== unsentIds.has(f.Id!))).toBe(true);
    // The failures are exactly the permanent ones: the throttled and transient ones made it.
    const expectedUnsent = [...fate].filter(([, kind]) => kind === 'invalid' || kind === 'always-busy').map(([id]) => id);
    expect([...unsentIds].sort()).toEqual(expectedUnsent.sort());
    expect(outcome.complete).toBe(false);
    expect(outcome.result.unsent.every((u) => u.error.ErrorCode === 'InvalidInput' || u.error.ErrorCode === 'InternalFailure')).toBe(true);
    // unsent.asff.json is what `hubcheck import` accepts.
    expect(validateFindings(unsent).issues).toEqual([]);
    // Requests: at most 100 findings and 6 MB, within 10/s burst 30 per Region, throttling really happened.
    expect(hub.calls.every((c) => c.ids.length <= 100 && c.bytes <= 6_000_000)).toBe(true);
    for (const region of regions) {
      expect(bucketViolation(hub.calls.filter((c) => c.region === region).map((c) => c.at), 10, 30), region).toBeUndefined();
    }
    expect(hub.calls.length).toBeGreaterThan(100);
    // One summary line per Region, and the failures by code.
    for (const region of regions) expect(stderr).toMatch(new RegExp(`Security Hub ${region}: sent \\d+, failed \\d+, archived 0, resolved 0`));
    expect(stderr).toMatch(/not imported hubcheck\/test-sg-closed\/.*: InvalidInput: Finding does not adhere/);
    expect(stderr).toContain(`${unsentIds.size} findings could not be sent to Security Hub; they are in ${path.join(outputDir, UNSENT_FILE)}`);
    const sent = outcome.result.regions.reduce((n, r) => n + r.sent, 0);
    const failed = outcome.result.regions.reduce((n, r) => n + r.failed, 0);
    expect(sent + failed).toBe(10_000);
  }, 60_000);
});
