import { expect } from 'vitest';
import rule from '../../../rules/securityhub/securityhub-account-enabled.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;
const HUB = { hubArn: 'arn:aws:securityhub:eu-west-1:123456789012:hub/default', subscribedAt: '2026-01-01T00:00:00.000Z', autoEnableControls: true };

testRule(rule, {
  passed: [
    {
      name: 'the hub exists',
      fixture: { 'securityhub.hub': HUB },
      results: { resource: ACCOUNT, reasonCode: 'SECURITYHUB_ENABLED', evidence: { hubArn: HUB.hubArn, subscribedAt: HUB.subscribedAt } },
    },
  ],
  failed: [
    {
      name: 'passes where the hub exists and fails where the account is not subscribed',
      fixture: { 'securityhub.hub': (_args: unknown[], region: string) => (region === 'eu-west-1' ? HUB : null) },
      options: { regions: ['us-east-1', 'eu-west-1'], benchmarks: ['3.0.0', '5.0.0'] },
      results: [
        { resource: ACCOUNT, region: 'eu-west-1', status: 'PASSED', reasonCode: 'SECURITYHUB_ENABLED', reason: 'Security Hub is enabled in eu-west-1.' },
        { resource: ACCOUNT, region: 'us-east-1', reasonCode: 'SECURITYHUB_NOT_ENABLED', reason: 'Security Hub is not enabled in us-east-1.' },
      ],
      check: ({ findings }) => {
        const failed = findings.find((f) => f.Compliance?.Status === 'FAILED');
        expect(failed?.Compliance?.SecurityControlId).toBeUndefined();
        expect(failed?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v3.0.0/4.16', 'CIS AWS Foundations Benchmark v5.0.0/4.16']);
        expect(failed?.Severity?.Label).toBe('MEDIUM');
      },
    },
  ],
  notAvailable: [
    {
      name: 'DescribeHub is denied',
      fixture: { 'securityhub.hub': denied('securityhub:DescribeHub') },
      results: {
        resource: ACCOUNT,
        reasonCode: 'ACCESS_DENIED',
        action: 'securityhub:DescribeHub',
        reason: 'Missing permission securityhub:DescribeHub (AccessDenied)',
      },
    },
  ],
});
