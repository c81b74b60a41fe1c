import { expect } from 'vitest';
import rule from '../../../rules/account/account-security-contact-registered.js';
import type { Json } from '../../../src/data/accessor.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;
const CONTACT = { type: 'SECURITY', name: 'Sec Team', title: 'CISO', emailAddress: 'sec@example.com', phoneNumber: '+1 555 0100' };

testRule(rule, {
  passed: [
    {
      name: 'a security contact is registered: the SECURITY type is asked for, and the contact is not copied into the finding',
      fixture: { 'account.alternateContact': ([type]: Json[]) => (type === 'SECURITY' ? CONTACT : null) },
      results: { resource: ACCOUNT, reasonCode: 'SECURITY_CONTACT_REGISTERED' },
      check: ({ source, findings }) => {
        expect(source.reads).toEqual([{ id: 'account.alternateContact', region: 'us-east-1', args: ['SECURITY'] }]);
        expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: ACCOUNT });
        expect(JSON.stringify(findings[0])).not.toContain('sec@example.com');
      },
    },
  ],
  failed: [
    {
      name: 'no security contact is registered',
      fixture: { 'account.alternateContact': null },
      results: { resource: ACCOUNT, reasonCode: 'NO_SECURITY_CONTACT' },
      check: ({ findings }) => expect(findings[0]?.Severity?.Label).toBe('MEDIUM'),
    },
    {
      name: 'maps CIS v3.0.0 and v5.0.0 1.2 (v6.0.0 2.2, v7.0.0 2.3) only',
      fixture: { 'account.alternateContact': null },
      options: { benchmarks: ['3.0.0', '5.0.0'] },
      results: { resource: ACCOUNT, reasonCode: 'NO_SECURITY_CONTACT' },
      check: ({ findings }) => {
        expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
          'CIS AWS Foundations Benchmark v3.0.0/1.2',
          'CIS AWS Foundations Benchmark v5.0.0/1.2',
        ]);
        expect(rule.cis).toEqual({ '3.0.0': '1.2', '5.0.0': '1.2', '6.0.0': '2.2', '7.0.0': '2.3' });
      },
    },
  ],
  notAvailable: [
    {
      name: 'the contact cannot be read',
      fixture: { 'account.alternateContact': denied('account:GetAlternateContact') },
      results: {
        resource: ACCOUNT,
        reasonCode: 'ACCESS_DENIED',
        action: 'account:GetAlternateContact',
        reason: 'Missing permission account:GetAlternateContact (AccessDenied)',
      },
    },
  ],
});
