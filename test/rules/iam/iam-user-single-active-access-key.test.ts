import { expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-user-single-active-access-key.js';
import { runsFor } from '../../../src/engine/registry.js';
import { denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ACCOUNT, daysAgo, GENERATED, key, report, row } from './fixtures.js';

const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const active = () => key({ active: true, lastRotated: daysAgo(5) });

it('runs for CIS v1.4.0, v3.0.0 and v5.0.0 (Automated), not v1.2.0', () => {
  expect(['1.2.0', '1.4.0', '3.0.0', '5.0.0'].map((v) => runsFor(rule, v as '1.2.0'))).toEqual([false, true, true, true]);
});

testRule(rule, {
  passed: [
    {
      name: 'maps CIS v1.4.0 1.13, v3.0.0 1.13 and v5.0.0 1.12',
      fixture: report(row('one', { accessKeys: [active(), key()] })),
      options: { benchmarks: ['1.4.0', '3.0.0', '5.0.0'] },
      results: { resource: userArn('one'), reasonCode: 'AT_MOST_ONE_ACTIVE_ACCESS_KEY', reason: 'User one has one active access key.' },
      check: ({ findings }) =>
        expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
          'CIS AWS Foundations Benchmark v1.4.0/1.13',
          'CIS AWS Foundations Benchmark v3.0.0/1.13',
          'CIS AWS Foundations Benchmark v5.0.0/1.12',
        ]),
    },
  ],
  failed: [
    {
      name: 'two active keys fail; one, one plus an inactive one, or none pass; the root row is not judged',
      fixture: report(
        row('<root_account>', { passwordEnabled: null, accessKeys: [active(), active()] }),
        row('one', { accessKeys: [active(), key()] }),
        row('one-plus-inactive', { accessKeys: [key({ active: false, lastRotated: daysAgo(200) }), active()] }),
        row('two', { accessKeys: [active(), active()] }),
        row('zero'),
      ),
      results: [
        { resource: userArn('one'), status: 'PASSED', reasonCode: 'AT_MOST_ONE_ACTIVE_ACCESS_KEY' },
        { resource: userArn('one-plus-inactive'), status: 'PASSED', reasonCode: 'AT_MOST_ONE_ACTIVE_ACCESS_KEY' },
        { resource: userArn('two'), reasonCode: 'MULTIPLE_ACTIVE_ACCESS_KEYS', reason: 'User two has 2 active access keys.', evidence: { activeAccessKeys: 2 } },
        { resource: userArn('zero'), status: 'PASSED', reasonCode: 'AT_MOST_ONE_ACTIVE_ACCESS_KEY', reason: 'User zero has no active access key.' },
      ],
      check: ({ findings }) => {
        for (const finding of findings) expect(finding.ProductFields?.['hubcheck/evidence/reportGeneratedAt']).toBe(GENERATED);
        const two = findings.find((f) => f.Resources?.[0]?.Id === userArn('two'));
        expect(two).toMatchObject({ Severity: { Label: 'MEDIUM' }, Resources: [{ Type: 'AwsIamUser', Id: userArn('two') }] });
        expect(two?.Compliance?.SecurityControlId).toBeUndefined();
      },
    },
  ],
  notAvailable: [
    {
      name: 'the credential report cannot be generated',
      fixture: { 'iam.credentialReport': denied('iam:GenerateCredentialReport') },
      results: { resource: `AWS::::Account:${ACCOUNT}`, reasonCode: 'ACCESS_DENIED', action: 'iam:GenerateCredentialReport' },
    },
  ],
});
