import { expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-user-console-mfa-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ACCOUNT, GENERATED, report, row } from './fixtures.js';

const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const person = (user: string, passwordEnabled: boolean | null, mfaActive: boolean) => row(user, { passwordEnabled, mfaActive });

testRule(rule, {
  passed: [
    {
      name: 'a console user with MFA and a user without a console password',
      fixture: report(person('alice', true, true), person('ci-bot', false, false)),
      results: [
        { resource: userArn('alice'), reasonCode: 'CONSOLE_MFA_ENABLED' },
        { resource: userArn('ci-bot'), reasonCode: 'NO_CONSOLE_PASSWORD' },
      ],
    },
  ],
  failed: [
    {
      name: 'one result per IAM user, the root user ignored',
      fixture: report(person('<root_account>', null, false), person('alice', true, true), person('bob', true, false), person('ci-bot', false, false)),
      results: [
        { resource: userArn('alice'), status: 'PASSED', reasonCode: 'CONSOLE_MFA_ENABLED' },
        { resource: userArn('bob'), reasonCode: 'CONSOLE_MFA_MISSING', reason: 'User bob has a console password but no MFA device.' },
        { resource: userArn('ci-bot'), status: 'PASSED', reasonCode: 'NO_CONSOLE_PASSWORD' },
      ],
      check: ({ findings }) => {
        const bob = findings.find((f) => f.Resources?.[0]?.Id === userArn('bob'));
        expect(bob?.Resources?.[0]?.Type).toBe('AwsIamUser');
        expect(bob?.ProductFields?.['hubcheck/evidence/reportGeneratedAt']).toBe(GENERATED);
      },
    },
  ],
  notAvailable: [
    {
      name: 'the credential report cannot be generated: one result for the account',
      fixture: { 'iam.credentialReport': denied('iam:GenerateCredentialReport') },
      results: {
        resource: `AWS::::Account:${ACCOUNT}`,
        reasonCode: 'ACCESS_DENIED',
        action: 'iam:GenerateCredentialReport',
        reason: 'Missing permission iam:GenerateCredentialReport (AccessDenied)',
      },
    },
  ],
});

// Not a table case: a table case must yield a result of its group's status.
const run = ruleHarness(rule);
it('gives no result for an account with no IAM users', async () => {
  const { results } = await run(report(person('<root_account>', null, true)));
  expect(results).toEqual([]);
});
