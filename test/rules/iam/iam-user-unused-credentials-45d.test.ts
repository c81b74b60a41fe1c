import { expect } from 'vitest';
import rule from '../../../rules/iam/iam-user-unused-credentials-45d.js';
import { testRule } from '../../helpers/rule-tester.js';
import { report, row } from './fixtures.js';
import { unusedCredentialsCases } from './unused-credentials.table.js';

testRule(
  rule,
  unusedCredentialsCases(rule, 45, {
    passed: [
      {
        name: 'maps CIS v1.4.0 1.12, v3.0.0 1.12 and v5.0.0 1.11, not v1.2.0',
        fixture: report(row('a')),
        options: { benchmarks: ['1.4.0', '3.0.0', '5.0.0'] },
        results: { reasonCode: 'NO_ACTIVE_CREDENTIALS' },
        check: ({ findings }) => {
          expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
            'CIS AWS Foundations Benchmark v1.4.0/1.12',
            'CIS AWS Foundations Benchmark v3.0.0/1.12',
            'CIS AWS Foundations Benchmark v5.0.0/1.11',
          ]);
          expect(rule.cis['1.2.0']).toBeUndefined();
        },
      },
    ],
  }),
);
