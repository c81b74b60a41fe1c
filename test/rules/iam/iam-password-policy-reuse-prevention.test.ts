import rule from '../../../rules/iam/iam-password-policy-reuse-prevention.js';
import { testRule, type RuleCase } from '../../helpers/rule-tester.js';
import { ACCOUNT, passwordPolicy, passwordPolicyCases } from './password-policy.table.js';

const remembers = (n: number): RuleCase => ({
  name: `${n} passwords are remembered (Security Hub requires exactly 24)`,
  fixture: passwordPolicy({ PasswordReusePrevention: n }),
  results: { resource: ACCOUNT, reasonCode: 'REUSE_PREVENTION_NOT_MET', evidence: { PasswordReusePrevention: n, required: 24 } },
});

testRule(
  rule,
  passwordPolicyCases(rule, {
    passed: [
      {
        name: '24 passwords are remembered',
        fixture: passwordPolicy({ PasswordReusePrevention: 24 }),
        results: { resource: ACCOUNT, reasonCode: 'REUSE_PREVENTION_MET', evidence: { PasswordReusePrevention: 24 } },
      },
    ],
    failed: [
      remembers(1),
      remembers(5),
      remembers(23),
      {
        name: 'reuse prevention is off',
        fixture: passwordPolicy({ MinimumPasswordLength: 20 }),
        results: { resource: ACCOUNT, reasonCode: 'REUSE_PREVENTION_NOT_MET', evidence: { PasswordReusePrevention: null } },
      },
    ],
  }),
);
