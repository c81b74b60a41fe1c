/** The lifecycle as pure functions: what is covered, what is updated, resolved, archived or left alone. */
import { describe, expect, it } from 'vitest';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { validateFinding } from '../../src/asff/validate.js';
import { accountResource, fail, notAvailable, pass } from '../../src/engine/rule.js';
import { coverageOf, type Coverage } from '../../src/domain/completeness.js';
import { laterThan, planRegion, ruleIdOf } from '../../src/securityhub/lifecycle.js';
import { minimal } from '../helpers/asff-samples.js';
import { ACCOUNT, accountScan, evaluation, findingsOf, testRule } from '../helpers/securityhub.js';

const sgRule = testRule('test-sg-closed', 'region');
const userRule = testRule('test-user-mfa', 'account', 'AwsIamUser');
const sg = (id: string, region?: string) => ({
  type: 'AwsEc2SecurityGroup',
  id: `arn:aws:ec2:${region ?? 'us-east-1'}:${ACCOUNT}:security-group/${id}`,
  name: id,
  ...(region ? { region } : {}),
});
const user = (name: string) => ({ type: 'AwsIamUser', id: `arn:aws:iam::${ACCOUNT}:user/${name}`, name });

describe('coverageOf', () => {
  it('covers a Region-scoped rule only in the Regions where it ran cleanly', () => {
    const failed = notAvailable(accountResource(ACCOUNT, 'eu-west-1'), 'Missing permission ec2:DescribeSecurityGroups (AccessDenied)');
    const coverage = coverageOf([
      accountScan(
        [evaluation(sgRule, 'us-east-1', [pass(sg('sg-1'), 'closed')]), evaluation(sgRule, 'eu-west-1', [failed])],
        [{ kind: 'data-unavailable', account: ACCOUNT, region: 'eu-west-1', rule: sgRule.id, action: 'ec2:DescribeSecurityGroups', code: 'AccessDenied', message: 'x' }],
      ),
    ]);
    expect(coverage.covers(sgRule.id, ACCOUNT, 'us-east-1')).toBe(true);
    expect(coverage.covers(sgRule.id, ACCOUNT, 'eu-west-1')).toBe(false);
    expect(coverage.covers(sgRule.id, ACCOUNT, 'ap-southeast-2')).toBe(false);
    expect(coverage.covers(sgRule.id, '999999999999', 'us-east-1')).toBe(false);
    expect(coverage.covers('rule-not-in-this-run', ACCOUNT, 'us-east-1')).toBe(false);
  });

  it('treats an account-level NOT_AVAILABLE result as an unclean evaluation even without a recorded issue', () => {
    const coverage = coverageOf([
      accountScan([evaluation(sgRule, 'us-east-1', [notAvailable(accountResource(ACCOUNT, 'us-east-1'), 'could not list')])]),
    ]);
    expect(coverage.covers(sgRule.id, ACCOUNT, 'us-east-1')).toBe(false);
  });

  it('covers an account-scoped rule in every Region when its one evaluation was clean', () => {
    const clean = coverageOf([accountScan([evaluation(userRule, 'us-east-1', [pass(user('alice'), 'ok')])])]);
    expect(clean.covers(userRule.id, ACCOUNT, 'us-east-1')).toBe(true);
    expect(clean.covers(userRule.id, ACCOUNT, 'eu-west-1')).toBe(true);
    const broken = coverageOf([
      accountScan(
        [evaluation(userRule, 'us-east-1', [notAvailable(accountResource(ACCOUNT, 'us-east-1'), 'rule error')])],
        [{ kind: 'rule-error', account: ACCOUNT, region: 'us-east-1', rule: userRule.id, message: 'boom' }],
      ),
    ]);
    expect(broken.covers(userRule.id, ACCOUNT, 'us-east-1')).toBe(false);
  });

  it('asks every evaluation to be clean for a rule that reports resources outside the Region it ran in', () => {
    const coverage = coverageOf([
      accountScan(
        [
          evaluation(sgRule, 'us-east-1', [pass(sg('sg-far', 'eu-west-1'), 'judged from us-east-1')]),
          evaluation(sgRule, 'eu-west-1', [notAvailable(accountResource(ACCOUNT, 'eu-west-1'), 'denied')]),
        ],
      ),
    ]);
    expect(coverage.covers(sgRule.id, ACCOUNT, 'eu-west-1')).toBe(false);
    expect(coverage.covers(sgRule.id, ACCOUNT, 'us-east-1')).toBe(false);
  });
});

describe('ruleIdOf', () => {
  it('recognises hubcheck scan findings only', () => {
    const [f] = findingsOf([accountScan([evaluation(sgRule, 'us-east-1', [pass(sg('sg-1'), 'ok')])])]);
    expect(ruleIdOf(f!)).toBe(sgRule.id);
    expect(ruleIdOf({ ...minimal(), GeneratorId: 'hubcheck/test-sg-closed' } as AwsSecurityFinding)).toBeUndefined();
    expect(ruleIdOf({ ...f!, ProductFields: {}, GeneratorId: 'hubcheck/other-rule' })).toBeUndefined();
  });
});

describe('laterThan', () => {
  it('is never earlier than now and always later than the stored time', () => {
    const now = new Date('2026-11-27T12:00:00.000Z');
    expect(laterThan('2026-11-01T00:00:00Z', now)).toBe('2026-11-27T12:00:00.000Z');
    expect(laterThan('2026-11-27T12:00:00.000Z', now)).toBe('2026-11-27T12:00:00.001Z');
    expect(laterThan('2031-01-01T00:00:00.123456789Z', now)).toBe('2031-01-01T00:00:00.124Z');
    expect(laterThan(undefined, now)).toBe('2026-11-27T12:00:00.000Z');
  });
});

describe('planRegion', () => {
  const run1At = '2026-11-20T08:00:00.000Z';
  const run2At = '2026-11-27T12:00:00.000Z';
  const now = new Date('2026-11-27T12:00:05.000Z');
  const everything: Coverage = { covers: () => true };
  const nothing: Coverage = { covers: () => false };

  const previous = findingsOf(
    [accountScan([evaluation(sgRule, 'us-east-1', [fail(sg('sg-fixed'), 'open'), pass(sg('sg-gone'), 'closed'), fail(sg('sg-same'), 'open')])])],
    run1At,
  ).map((f) => ({ ...f, Region: 'us-east-1', ProcessedAt: run1At, SomeNewServiceField: { x: 1 }, Workflow: { Status: 'NOTIFIED' as const }, Note: { Text: 'ticket 42', UpdatedBy: 'me', UpdatedAt: run1At } }));
  const current = findingsOf(
    [accountScan([evaluation(sgRule, 'us-east-1', [pass(sg('sg-fixed'), 'closed now'), fail(sg('sg-same'), 'open'), fail(sg('sg-new'), 'open')])])],
    run2At,
  );
  const plan = (coverage: Coverage, existing: AwsSecurityFinding[] = previous, cur = current) =>
    planRegion({ account: ACCOUNT, region: 'us-east-1', current: cur, existing, coverage, now, observedAt: run2At });
  const byName = (p: ReturnType<typeof plan>, name: string) => p.findings.find((x) => x.finding.ProductFields?.['hubcheck/ResourceName'] === name);

  it('keeps CreatedAt and FirstObservedAt of a known Id and sends a later UpdatedAt', () => {
    const same = byName(plan(everything), 'sg-same')!;
    expect(same.kind).toBe('current');
    expect(same.finding).toMatchObject({ CreatedAt: run1At, FirstObservedAt: run1At, LastObservedAt: run2At, UpdatedAt: now.toISOString() });
    expect(same.resolves).toBe(false);
  });

  it('sends a new finding with CreatedAt equal to UpdatedAt', () => {
    const added = byName(plan(everything), 'sg-new')!;
    expect(added.finding).toMatchObject({ CreatedAt: run2At, UpdatedAt: run2At, FirstObservedAt: run2At });
  });

  it('resolves a finding that is now PASSED', () => {
    const fixed = byName(plan(everything), 'sg-fixed')!;
    expect(fixed.resolves).toBe(true);
    expect(fixed.finding).toMatchObject({ Compliance: { Status: 'PASSED' }, Severity: { Label: 'INFORMATIONAL' }, RecordState: 'ACTIVE', FirstObservedAt: run1At });
  });

  it('archives the finding of a resource that is gone, when its rule ran cleanly, and strips customer and service fields', () => {
    const gone = byName(plan(everything), 'sg-gone')!;
    expect(gone.kind).toBe('archive');
    expect(gone.finding).toMatchObject({
      RecordState: 'ARCHIVED',
      Compliance: { Status: 'PASSED', StatusReasons: [{ ReasonCode: 'RESOURCE_NOT_FOUND' }] },
      Severity: { Label: 'INFORMATIONAL', Original: 'HIGH' },
      FindingProviderFields: { Severity: { Label: 'INFORMATIONAL', Original: 'HIGH' } },
      CreatedAt: run1At,
      UpdatedAt: now.toISOString(),
    });
    for (const field of ['Workflow', 'Note', 'UserDefinedFields', 'VerificationState', 'Region', 'ProcessedAt', 'SomeNewServiceField']) {
      expect(gone.finding).not.toHaveProperty(field);
    }
    expect(validateFinding(gone.finding)).toEqual([]);
  });

  it('never archives what the run did not cover, nor a finding that is not a hubcheck scan finding', () => {
    const custom = { ...minimal(), Id: 'my-own-finding', GeneratorId: 'hubcheck/test-sg-closed' } as AwsSecurityFinding;
    const p = plan(nothing, [...previous, custom]);
    expect(p.findings.filter((x) => x.kind === 'archive')).toEqual([]);
    expect(p.findings.map((x) => x.finding.Id)).not.toContain('my-own-finding');
    expect(plan(everything, [...previous, custom]).findings.map((x) => x.finding.Id)).not.toContain('my-own-finding');
  });

  it('sends no Id twice and reports the repeats', () => {
    const doubled = [...current, current[1]!];
    const p = plan(everything, previous, doubled);
    const ids = p.findings.map((x) => x.finding.Id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(p.duplicates).toEqual([current[1]!.Id]);
    expect(p.findings).toHaveLength(4);
  });

  it('never sends Workflow, Note, UserDefinedFields or VerificationState, even on a current finding', () => {
    const dressed = current.map((f) => ({ ...f, Workflow: { Status: 'NEW' as const }, UserDefinedFields: { a: 'b' }, VerificationState: 'TRUE_POSITIVE' as const }));
    for (const { finding } of plan(everything, previous, dressed).findings) {
      expect(finding).not.toHaveProperty('Workflow');
      expect(finding).not.toHaveProperty('UserDefinedFields');
      expect(finding).not.toHaveProperty('VerificationState');
    }
  });
});
