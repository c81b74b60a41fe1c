import { expect } from 'vitest';
import rule from '../../../rules/iam/iam-password-policy-max-age.js';
import { testRule, type RuleCase } from '../../helpers/rule-tester.js';
import { ACCOUNT, passwordPolicy, passwordPolicyCases } from './password-policy.table.js';

const expiresAfter = (age: number): RuleCase => ({
  name: `passwords expire after ${age} days`,
  fixture: passwordPolicy({ MaxPasswordAge: age, ExpirePasswords: true }),
  results: { resource: ACCOUNT, reasonCode: 'MAX_AGE_WITHIN_LIMIT', evidence: { MaxPasswordAge: age, maxPasswordAgeDays: 90 } },
});

testRule(
  rule,
  passwordPolicyCases(rule, {
    passed: [
      expiresAfter(1),
      expiresAfter(60),
      expiresAfter(90),
      {
        name: 'maps CIS v1.2.0 1.11 only',
        fixture: passwordPolicy({ MaxPasswordAge: 30 }),
        options: { benchmarks: ['1.2.0'] },
        results: { reasonCode: 'MAX_AGE_WITHIN_LIMIT' },
        check: ({ findings }) => expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.2.0/1.11']),
      },
    ],
    failed: [
      {
        name: 'passwords expire after more than 90 days',
        fixture: passwordPolicy({ MaxPasswordAge: 91, ExpirePasswords: true }),
        results: { resource: ACCOUNT, reasonCode: 'MAX_AGE_TOO_LONG', reason: 'Passwords expire after 91 days; they must expire within 90 days.' },
        check: ({ findings }) => expect(findings[0]?.Severity?.Label).toBe('LOW'),
      },
      {
        name: 'no MaxPasswordAge: passwords never expire',
        fixture: passwordPolicy({ MinimumPasswordLength: 14, ExpirePasswords: false }),
        results: { resource: ACCOUNT, reasonCode: 'PASSWORDS_NEVER_EXPIRE', reason: 'Passwords never expire; they must expire within 90 days.' },
      },
      {
        name: 'a zero MaxPasswordAge: passwords never expire',
        fixture: passwordPolicy({ MaxPasswordAge: 0 }),
        results: { resource: ACCOUNT, reasonCode: 'PASSWORDS_NEVER_EXPIRE', reason: 'Passwords never expire; they must expire within 90 days.' },
      },
    ],
  }),
);
