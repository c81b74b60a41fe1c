import { expect } from 'vitest';
import rule from '../../../rules/iam/iam-root-mfa-enabled.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;
const summary = (s: Record<string, number>) => ({ 'iam.accountSummary': s });

testRule(rule, {
  passed: [
    {
      name: 'the root user has MFA',
      fixture: summary({ AccountMFAEnabled: 1, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 }),
      results: { resource: ACCOUNT, reasonCode: 'ROOT_MFA_ENABLED' },
      check: ({ findings }) => {
        expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: ACCOUNT, Region: 'us-east-1' });
        expect(findings[0]?.Severity?.Label).toBe('INFORMATIONAL');
      },
    },
    {
      name: 'no root credentials at all (centralized root access)',
      fixture: summary({ AccountMFAEnabled: 0, AccountPasswordPresent: 0, AccountAccessKeysPresent: 0 }),
      results: { resource: ACCOUNT, reasonCode: 'ROOT_NO_CREDENTIALS', reason: 'centralized root access' },
    },
    {
      name: 'every benchmark version is mapped',
      fixture: summary({ AccountMFAEnabled: 1 }),
      options: { benchmarks: ['1.2.0', '1.4.0', '3.0.0', '5.0.0'] },
      results: { reasonCode: 'ROOT_MFA_ENABLED' },
      check: ({ findings }) =>
        expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
          'CIS AWS Foundations Benchmark v1.2.0/1.13',
          'CIS AWS Foundations Benchmark v1.4.0/1.5',
          'CIS AWS Foundations Benchmark v3.0.0/1.5',
          'CIS AWS Foundations Benchmark v5.0.0/1.4',
        ]),
    },
  ],
  failed: [
    {
      name: 'a password and no MFA',
      fixture: summary({ AccountMFAEnabled: 0, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0 }),
      results: { resource: ACCOUNT, reasonCode: 'ROOT_MFA_MISSING' },
      check: ({ findings }) => {
        expect(findings[0]?.Severity?.Label).toBe('CRITICAL');
        expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/1.4']);
      },
    },
    {
      name: 'root access keys and no password',
      fixture: summary({ AccountMFAEnabled: 0, AccountPasswordPresent: 0, AccountAccessKeysPresent: 1 }),
      results: { reasonCode: 'ROOT_MFA_MISSING' },
    },
    {
      name: 'a summary without the credential fields never passes',
      fixture: summary({ AccountMFAEnabled: 0 }),
      results: { reasonCode: 'ROOT_MFA_MISSING' },
    },
  ],
  notAvailable: [
    {
      name: 'GetAccountSummary is denied',
      fixture: { 'iam.accountSummary': denied('iam:GetAccountSummary') },
      results: { resource: ACCOUNT, reasonCode: 'ACCESS_DENIED', action: 'iam:GetAccountSummary', reason: 'Missing permission iam:GetAccountSummary (AccessDenied)' },
      check: ({ scan }) =>
        expect(scan.issues).toMatchObject([{ kind: 'data-unavailable', rule: 'iam-root-mfa-enabled', action: 'iam:GetAccountSummary' }]),
    },
  ],
});
