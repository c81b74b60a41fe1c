import { expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-user-no-initial-access-key.js';
import { runsFor } from '../../../src/engine/registry.js';
import { denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ACCOUNT, daysAgo, GENERATED, key, report, row } from './fixtures.js';

const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const unused = () => key({ active: true, lastRotated: daysAgo(3) });
const used = () => key({ active: true, lastRotated: daysAgo(3), lastUsedDate: daysAgo(1) });

it('runs where CIS marks it Automated or disputed (v1.4.0, v3.0.0), not Not Scored or Manual (v1.2.0, v5.0.0)', () => {
  expect(['1.2.0', '1.4.0', '3.0.0', '5.0.0'].map((v) => runsFor(rule, v as '1.2.0'))).toEqual([false, true, true, false]);
});

testRule(rule, {
  passed: [
    {
      name: 'maps CIS v1.4.0 1.11 and v3.0.0 1.11',
      fixture: report(row('a')),
      options: { benchmarks: ['1.4.0', '3.0.0'] },
      results: { resource: userArn('a'), reasonCode: 'NO_CONSOLE_PASSWORD' },
      check: ({ findings }) =>
        expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
          'CIS AWS Foundations Benchmark v1.4.0/1.11',
          'CIS AWS Foundations Benchmark v3.0.0/1.11',
        ]),
    },
  ],
  failed: [
    {
      name: 'console users with an active, never-used key fail; the others pass; the root row is not judged',
      fixture: report(
        row('<root_account>', { passwordEnabled: null, accessKeys: [unused(), key()] }),
        row('console-both-unused', { passwordEnabled: true, accessKeys: [unused(), unused()] }),
        row('console-inactive-unused', { passwordEnabled: true, accessKeys: [key({ active: false, lastRotated: daysAgo(3) }), key()] }),
        row('console-no-keys', { passwordEnabled: true }),
        row('console-unused-key', { passwordEnabled: true, accessKeys: [used(), unused()] }),
        row('console-used-key', { passwordEnabled: true, accessKeys: [used(), key()] }),
        row('programmatic', { passwordEnabled: false, accessKeys: [unused(), key()] }),
      ),
      results: [
        {
          resource: userArn('console-both-unused'),
          reasonCode: 'UNUSED_INITIAL_ACCESS_KEY',
          reason: 'User console-both-unused has a console password and active access keys 1 and 2 that have never been used.',
        },
        { resource: userArn('console-inactive-unused'), status: 'PASSED', reasonCode: 'NO_UNUSED_ACCESS_KEY' },
        { resource: userArn('console-no-keys'), status: 'PASSED', reasonCode: 'NO_UNUSED_ACCESS_KEY' },
        {
          resource: userArn('console-unused-key'),
          reasonCode: 'UNUSED_INITIAL_ACCESS_KEY',
          reason: 'User console-unused-key has a console password and active access key 2 that has never been used.',
        },
        { resource: userArn('console-used-key'), status: 'PASSED', reasonCode: 'NO_UNUSED_ACCESS_KEY' },
        { resource: userArn('programmatic'), status: 'PASSED', reasonCode: 'NO_CONSOLE_PASSWORD', reason: 'User programmatic has no console password.' },
      ],
      check: ({ findings }) => {
        for (const finding of findings) expect(finding.ProductFields?.['hubcheck/evidence/reportGeneratedAt']).toBe(GENERATED);
        expect(findings.find((f) => f.Resources?.[0]?.Id === userArn('console-both-unused'))?.Severity?.Label).toBe('MEDIUM');
      },
    },
  ],
  notAvailable: [
    {
      name: 'the credential report cannot be read',
      fixture: { 'iam.credentialReport': denied('iam:GetCredentialReport') },
      results: { resource: `AWS::::Account:${ACCOUNT}`, reasonCode: 'ACCESS_DENIED', action: 'iam:GetCredentialReport' },
    },
  ],
});
