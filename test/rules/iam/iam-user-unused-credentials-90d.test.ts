import { expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-user-unused-credentials-90d.js';
import rule45 from '../../../rules/iam/iam-user-unused-credentials-45d.js';
import { testRule } from '../../helpers/rule-tester.js';
import { report, row } from './fixtures.js';
import { unusedCredentialsCases } from './unused-credentials.table.js';

it("shares IAM.22's implementation with 90 days instead of 45", () => {
  expect(rule.params).toEqual({ maxUnusedDays: 90 });
  expect(rule45.params).toEqual({ maxUnusedDays: 45 });
});

testRule(
  rule,
  unusedCredentialsCases(rule, 90, {
    passed: [
      {
        name: 'maps CIS v1.2.0 1.3 only',
        fixture: report(row('a')),
        options: { benchmarks: ['1.2.0'] },
        results: { reasonCode: 'NO_ACTIVE_CREDENTIALS' },
        check: ({ findings }) => {
          expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.2.0/1.3']);
          expect(Object.keys(rule.cis)).toEqual(['1.2.0']);
        },
      },
    ],
  }),
);
