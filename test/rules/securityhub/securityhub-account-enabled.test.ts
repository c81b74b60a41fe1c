import { describe, expect, it } from 'vitest';
import rule from '../../../rules/securityhub/securityhub-account-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

describe('securityhub-account-enabled (CIS 4.16)', () => {
  it('passes where the hub exists and fails where the account is not subscribed', async () => {
    const { results, findings } = await run(
      {
        'securityhub.hub': (_args: unknown[], region: string) =>
          region === 'eu-west-1' ? { hubArn: 'arn:aws:securityhub:eu-west-1:123456789012:hub/default', subscribedAt: '2026-01-01T00:00:00.000Z', autoEnableControls: true } : null,
      },
      { regions: ['us-east-1', 'eu-west-1'], benchmarks: ['3.0.0', '5.0.0'] },
    );
    expect(results.map((r) => [r.resource.region, r.status, r.reason])).toEqual([
      ['eu-west-1', 'PASSED', 'Security Hub is enabled in eu-west-1.'],
      ['us-east-1', 'FAILED', 'Security Hub is not enabled in us-east-1.'],
    ]);
    const failed = findings.find((f) => f.Compliance?.Status === 'FAILED');
    expect(failed?.Compliance?.SecurityControlId).toBeUndefined();
    expect(failed?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v3.0.0/4.16', 'CIS AWS Foundations Benchmark v5.0.0/4.16']);
    expect(failed?.Severity?.Label).toBe('MEDIUM');
  });

  it('is NOT_AVAILABLE, not FAILED, when DescribeHub is denied', async () => {
    const { results } = await run({ 'securityhub.hub': denied('securityhub:DescribeHub') });
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission securityhub:DescribeHub (AccessDenied)' });
  });
});
