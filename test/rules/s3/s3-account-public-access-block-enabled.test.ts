import { expect } from 'vitest';
import rule from '../../../rules/s3/s3-account-public-access-block-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ACCOUNT_ID, ALL_ON, publicAccessBlockCases } from './buckets.table.js';

const shared = publicAccessBlockCases({
  fixture: (config) => ({ 's3.accountPublicAccessBlock': config }),
  resource: ACCOUNT_ID,
  reasons: {
    on: 'All four account-level S3 Block Public Access settings are on.',
    none: 'The account has no S3 Block Public Access configuration.',
    off: (settings) => `Account-level S3 Block Public Access has ${settings} off.`,
  },
});

testRule(rule, {
  passed: [
    ...shared.passed,
    {
      name: 'judged once per account, in the home Region',
      fixture: { 's3.accountPublicAccessBlock': ALL_ON },
      options: { regions: ['us-east-1', 'eu-west-1'] },
      results: { resource: ACCOUNT_ID, reasonCode: 'PUBLIC_ACCESS_BLOCK_ON' },
      check: ({ results, findings }) => {
        expect(results[0]?.resource.type).toBe('AwsAccount');
        expect(findings[0]?.Resources?.[0]?.Region).toBe('us-east-1');
        expect(findings[0]?.Compliance?.SecurityControlId).toBe('S3.1');
      },
    },
    {
      name: 'maps to CIS v1.4.0 2.1.5 (not 2.1.5.1)',
      fixture: { 's3.accountPublicAccessBlock': ALL_ON },
      options: { benchmarks: ['1.4.0', '5.0.0'] },
      results: { resource: ACCOUNT_ID, reasonCode: 'PUBLIC_ACCESS_BLOCK_ON' },
      check: ({ findings }) =>
        expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
          'CIS AWS Foundations Benchmark v1.4.0/2.1.5',
          'CIS AWS Foundations Benchmark v5.0.0/2.1.4',
        ]),
    },
  ],
  failed: shared.failed,
  notAvailable: [
    {
      name: 'the setting cannot be read',
      fixture: { 's3.accountPublicAccessBlock': denied('s3:GetAccountPublicAccessBlock') },
      results: {
        resource: ACCOUNT_ID,
        reasonCode: 'ACCESS_DENIED',
        action: 's3:GetAccountPublicAccessBlock',
        reason: 'Missing permission s3:GetAccountPublicAccessBlock (AccessDenied)',
      },
    },
  ],
});
