import { describe, expect, it } from 'vitest';
import { dropEmpty, findingId, toFinding, truncate, type FindingContext } from '../../src/asff/to-asff.js';
import { validateFinding } from '../../src/asff/validate.js';
import { defineRule, fail, notAvailable, pass, type RuleResult } from '../../src/engine/rule.js';

const rule = defineRule({
  id: 'test-rule',
  title: 'Test rule',
  securityHubControlId: 'IAM.99',
  severity: 'HIGH',
  cis: { '1.2.0': ['1.1', '3.3'], '5.0.0': '1.4' },
  cisExtra: { '3.0.0': '1.7' },
  scope: 'region',
  resourceType: 'AwsIamUser',
  requiredActions: ['iam:ListUsers'],
  remediation: { text: 'Fix it.', url: 'https://example.com/fix' },
  async evaluate() {
    return [];
  },
});

const ctx = (overrides: Partial<FindingContext> = {}): FindingContext => ({
  rule,
  account: '111122223333',
  region: 'eu-west-1',
  partition: 'aws',
  benchmarks: ['5.0.0'],
  observedAt: '2026-11-27T12:00:00.000Z',
  toolVersion: '1.2.3',
  ...overrides,
});
const user = { type: 'AwsIamUser', id: 'arn:aws:iam::111122223333:user/alice', name: 'alice' };

describe('toFinding', () => {
  it('builds a complete, valid finding for a FAILED result', () => {
    const f = toFinding(fail(user, 'Alice has no MFA.', { evidence: { mfa: false, keys: 2, note: null } }), ctx());
    expect(validateFinding(f)).toEqual([]);
    expect(f).toMatchObject({
      SchemaVersion: '2018-10-08',
      ProductArn: 'arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default',
      GeneratorId: 'hubcheck/test-rule',
      AwsAccountId: '111122223333',
      Types: ['Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark'],
      CreatedAt: '2026-11-27T12:00:00.000Z',
      UpdatedAt: '2026-11-27T12:00:00.000Z',
      Severity: { Label: 'HIGH', Original: 'HIGH' },
      FindingProviderFields: { Severity: { Label: 'HIGH', Original: 'HIGH' } },
      Title: 'Test rule',
      Description: 'Alice has no MFA.',
      RecordState: 'ACTIVE',
      Resources: [{ Type: 'AwsIamUser', Id: user.id, Partition: 'aws', Region: 'eu-west-1' }],
      Compliance: {
        Status: 'FAILED',
        SecurityControlId: 'IAM.99',
        RelatedRequirements: ['CIS AWS Foundations Benchmark v5.0.0/1.4'],
        AssociatedStandards: [{ StandardsId: 'standards/cis-aws-foundations-benchmark/v/5.0.0' }],
        StatusReasons: [{ ReasonCode: 'NON_COMPLIANT', Description: 'Alice has no MFA.' }],
      },
      Remediation: { Recommendation: { Text: 'Fix it.', Url: 'https://example.com/fix' } },
    });
    expect(f.ProductFields).toMatchObject({ 'hubcheck/evidence/mfa': 'false', 'hubcheck/evidence/keys': '2', 'hubcheck/ResourceName': 'alice' });
    expect(f.ProductFields).not.toHaveProperty('hubcheck/evidence/note');
    expect(f).not.toHaveProperty('Workflow');
  });

  it('labels every non-FAILED result INFORMATIONAL and keeps the control severity as Original', () => {
    for (const result of [pass(user, 'ok'), notAvailable(user, 'no data')]) {
      const f = toFinding(result, ctx());
      expect(f.Severity).toEqual({ Label: 'INFORMATIONAL', Original: 'HIGH' });
      expect(f.FindingProviderFields?.Severity?.Label).toBe('INFORMATIONAL');
    }
  });

  it('gives the same Id for the same rule, account, Region and resource, and a different one otherwise', () => {
    const a = toFinding(pass(user, 'ok'), ctx()).Id;
    expect(toFinding(fail(user, 'now failing'), ctx({ observedAt: '2027-01-01T00:00:00.000Z' })).Id).toBe(a);
    expect(toFinding(pass(user, 'ok'), ctx({ region: 'us-east-1' })).Id).not.toBe(a);
    expect(toFinding(pass({ ...user, id: `${user.id}2` }, 'ok'), ctx()).Id).not.toBe(a);
    expect(a).toBe(findingId('test-rule', '111122223333', 'eu-west-1', user.id));
    expect(a).toMatch(/^hubcheck\/test-rule\/111122223333\/eu-west-1\/[0-9a-f]{64}$/);
  });

  it('routes a finding to the Region of its resource when the resource has one', () => {
    const f = toFinding(pass({ ...user, region: 'ap-south-1' }, 'ok'), ctx());
    expect(f.ProductArn).toBe('arn:aws:securityhub:ap-south-1:111122223333:product/111122223333/default');
    expect(f.Resources?.[0]?.Region).toBe('ap-south-1');
  });

  it('lists every selected version in RelatedRequirements, extras included, and builds non-aws partition ARNs', () => {
    const f = toFinding(pass(user, 'ok'), ctx({ benchmarks: ['1.2.0', '1.4.0', '3.0.0', '5.0.0'], partition: 'aws-us-gov', region: 'us-gov-west-1' }));
    expect(f.Compliance?.RelatedRequirements).toEqual([
      'CIS AWS Foundations Benchmark v1.2.0/1.1',
      'CIS AWS Foundations Benchmark v1.2.0/3.3',
      'CIS AWS Foundations Benchmark v3.0.0/1.7',
      'CIS AWS Foundations Benchmark v5.0.0/1.4',
    ]);
    expect(f.Compliance?.AssociatedStandards).toEqual([
      { StandardsId: 'ruleset/cis-aws-foundations-benchmark/v/1.2.0' },
      { StandardsId: 'standards/cis-aws-foundations-benchmark/v/3.0.0' },
      { StandardsId: 'standards/cis-aws-foundations-benchmark/v/5.0.0' },
    ]);
    expect(f.ProductArn).toBe('arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default');
  });

  it('enforces the ASFF limits on what rules and AWS supply', () => {
    const long: RuleResult = {
      status: 'FAILED',
      resource: {
        ...user,
        tags: { ok: 'fine', empty: '', bad: 'new\nline', 'aws:cloudformation:stack-name': 'x', huge: 'x'.repeat(300) },
        details: { Other: { big: 'y'.repeat(200_000) } },
      },
      reason: 'r'.repeat(5000),
      evidence: Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, i])),
    };
    const f = toFinding(long, ctx({ rule: { ...rule, title: 't'.repeat(400) } }));
    expect(validateFinding(f)).toEqual([]);
    expect(f.Title).toHaveLength(256);
    expect(f.Description).toHaveLength(1024);
    expect(f.Description?.endsWith('…')).toBe(true);
    expect(Object.keys(f.ProductFields ?? {}).length).toBeLessThanOrEqual(50);
    expect(f.Resources?.[0]?.Tags).toEqual({ ok: 'fine' });
    expect(f.Resources?.[0]?.Details?.Other?.big).toHaveLength(1024);
  });

  it('drops resource details, then evidence, to stay under 240 KB', () => {
    const policies = Array.from({ length: 12 }, (_, i) => ({ PolicyName: `p${i}`, PolicyDocument: 'z'.repeat(30_000) }));
    const f = toFinding(fail({ ...user, details: { AwsIamUser: { UserPolicyList: policies } } }, 'big', { evidence: { kept: 'yes' } }), ctx());
    expect(validateFinding(f)).toEqual([]);
    expect(f.Resources?.[0]?.Details).toBeUndefined();
    expect(f.ProductFields?.['hubcheck/evidence/kept']).toBe('yes');
  });

  it('leaves out the control id for CIS-only rules', () => {
    const f = toFinding(pass(user, 'ok'), ctx({ rule: { ...rule, securityHubControlId: null } }));
    expect(f.Compliance).not.toHaveProperty('SecurityControlId');
    expect(validateFinding(f)).toEqual([]);
  });
});

describe('helpers', () => {
  it('truncate counts code points and marks the cut', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
  });

  it('dropEmpty keeps key order and a key named __proto__ as a plain field', () => {
    const tags = JSON.parse('{"z":"1","__proto__":"p","a":"","m":"2"}') as Record<string, string>;
    const kept = dropEmpty({ Tags: tags, list: [null, 'x', ['', 'y']] }) as { Tags: Record<string, string> };
    expect(JSON.stringify(kept)).toBe('{"Tags":{"z":"1","__proto__":"p","m":"2"},"list":["x",["y"]]}');
    expect(Object.getPrototypeOf(kept.Tags)).toBe(Object.prototype);
  });

  it('dropEmpty removes every empty value, recursively', () => {
    expect(dropEmpty({ a: '', b: ' ', c: [], d: {}, e: { f: null, g: [''] }, h: 0, i: false, j: 'x' })).toEqual({ h: 0, i: false, j: 'x' });
  });
});
