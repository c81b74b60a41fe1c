import { expect } from 'vitest';
import rule from '../../../rules/iam/iam-password-policy-min-length.js';
import { testRule, type RuleCase } from '../../helpers/rule-tester.js';
import { ACCOUNT, passwordPolicy, passwordPolicyCases } from './password-policy.table.js';

const minimum = (length: number, reasonCode: string): RuleCase => ({
  name: `a minimum length of ${length}`,
  fixture: passwordPolicy({ MinimumPasswordLength: length }),
  results: { resource: ACCOUNT, reasonCode, evidence: { MinimumPasswordLength: length, required: 14 } },
  check: ({ findings }) => expect(findings[0]?.Severity?.Label).toBe(reasonCode === 'MIN_LENGTH_TOO_SHORT' ? 'MEDIUM' : 'INFORMATIONAL'),
});

testRule(
  rule,
  passwordPolicyCases(rule, {
    passed: [minimum(14, 'MIN_LENGTH_SUFFICIENT'), minimum(20, 'MIN_LENGTH_SUFFICIENT')],
    failed: [
      minimum(8, 'MIN_LENGTH_TOO_SHORT'),
      minimum(13, 'MIN_LENGTH_TOO_SHORT'),
      {
        name: 'a policy that sets no minimum length',
        fixture: passwordPolicy({ RequireSymbols: true }),
        results: { resource: ACCOUNT, reasonCode: 'MIN_LENGTH_TOO_SHORT', evidence: { MinimumPasswordLength: null } },
      },
    ],
  }),
);
