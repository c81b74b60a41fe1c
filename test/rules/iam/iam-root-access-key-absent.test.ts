import { expect } from 'vitest';
import rule from '../../../rules/iam/iam-root-access-key-absent.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;
const summary = (s: Record<string, number>) => ({ 'iam.accountSummary': s });

testRule(rule, {
  passed: [
    {
      name: 'the root user has no access keys',
      fixture: summary({ AccountAccessKeysPresent: 0 }),
      results: { resource: ACCOUNT, reasonCode: 'ROOT_ACCESS_KEYS_ABSENT', evidence: { AccountAccessKeysPresent: 0 } },
    },
  ],
  failed: [
    {
      name: 'the root user has an access key',
      fixture: summary({ AccountAccessKeysPresent: 1 }),
      results: { resource: ACCOUNT, reasonCode: 'ROOT_ACCESS_KEYS_PRESENT' },
      check: ({ findings }) => {
        expect(findings[0]?.Compliance?.SecurityControlId).toBe('IAM.4');
        expect(findings[0]?.ProductFields?.['hubcheck/evidence/AccountAccessKeysPresent']).toBe('1');
      },
    },
    {
      name: 'the summary does not say: fails rather than passes',
      fixture: summary({ Users: 3 }),
      results: { resource: ACCOUNT, reasonCode: 'ROOT_ACCESS_KEYS_UNKNOWN', reason: /cannot be ruled out/, evidence: { AccountAccessKeysPresent: null } },
    },
  ],
  notAvailable: [
    {
      name: 'GetAccountSummary is denied',
      fixture: { 'iam.accountSummary': denied('iam:GetAccountSummary') },
      results: { resource: ACCOUNT, reasonCode: 'ACCESS_DENIED', action: 'iam:GetAccountSummary' },
    },
  ],
});
