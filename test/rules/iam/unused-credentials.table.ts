/**
 * The test table of the unused-credentials rules (IAM.8 with 90 days, IAM.22
 * with 45): one evaluator, judged around each rule's own day count.
 */
import { expect } from 'vitest';
import type { Rule } from '../../../src/engine/rule.js';
import { denied } from '../../helpers/fixture-source.js';
import type { RuleCase, RuleCases } from '../../helpers/rule-tester.js';
import { ACCOUNT, GENERATED, daysAgo, key, report, row } from './fixtures.js';

const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

/** The shared table; `own` adds a rule's own cases (its benchmark mapping). */
export function unusedCredentialsCases(rule: Rule, days: number, own: { passed?: RuleCase[] } = {}): RuleCases {
  const generatedAndLimit: RuleCase['check'] = ({ findings }) => {
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.ProductFields?.['hubcheck/evidence/reportGeneratedAt']).toBe(GENERATED);
      expect(finding.ProductFields?.['hubcheck/evidence/maxUnusedDays']).toBe(String(days));
    }
  };
  return {
    passed: [
      {
        name: `a password used 3 days ago and a key used ${days - 1} days ago; the root row is not judged`,
        fixture: report(
          row('<root_account>', { passwordEnabled: null, passwordLastUsed: daysAgo(300) }),
          row('active', {
            passwordEnabled: true,
            passwordLastUsed: daysAgo(3),
            passwordLastChanged: daysAgo(400),
            accessKeys: [key({ active: true, lastRotated: daysAgo(400), lastUsedDate: daysAgo(days - 1) }), key()],
          }),
        ),
        results: { resource: userArn('active'), reasonCode: 'CREDENTIALS_USED' },
        check: generatedAndLimit,
      },
      {
        name: 'an old inactive key and a user with no credentials',
        fixture: report(
          row('inactive-old-key', { accessKeys: [key({ active: false, lastRotated: daysAgo(400), lastUsedDate: daysAgo(300) }), key()] }),
          row('nothing'),
        ),
        results: [
          { resource: userArn('inactive-old-key'), reasonCode: 'NO_ACTIVE_CREDENTIALS' },
          { resource: userArn('nothing'), reasonCode: 'NO_ACTIVE_CREDENTIALS', reason: 'User nothing has no console password and no active access key.' },
        ],
      },
      {
        name: 'never-used credentials set recently are aged from when they were set',
        fixture: report(
          row('new-password', { passwordEnabled: true, passwordLastChanged: daysAgo(10) }),
          row('new-key', { accessKeys: [key({ active: true, lastRotated: daysAgo(2) }), key()] }),
        ),
        results: [
          { resource: userArn('new-password'), reasonCode: 'CREDENTIALS_USED' },
          { resource: userArn('new-key'), reasonCode: 'CREDENTIALS_USED' },
        ],
      },
      ...(own.passed ?? []),
    ],
    failed: [
      {
        name: `a password last used ${days} days ago`,
        fixture: report(row('idle-password', { passwordEnabled: true, passwordLastUsed: daysAgo(days), passwordLastChanged: daysAgo(400) })),
        results: {
          resource: userArn('idle-password'),
          reasonCode: 'CREDENTIALS_UNUSED',
          reason: `User idle-password has credentials unused for ${days} days or more: console password (last used ${days} days ago).`,
        },
        check: generatedAndLimit,
      },
      {
        name: 'one of two active keys is idle',
        fixture: report(
          row('idle-key', {
            accessKeys: [
              key({ active: true, lastRotated: daysAgo(400), lastUsedDate: daysAgo(1) }),
              key({ active: true, lastRotated: daysAgo(400), lastUsedDate: daysAgo(days + 10) }),
            ],
          }),
        ),
        results: {
          resource: userArn('idle-key'),
          reasonCode: 'CREDENTIALS_UNUSED',
          reason: `User idle-key has credentials unused for ${days} days or more: access key 2 (last used ${days + 10} days ago).`,
        },
      },
      {
        name: 'never-used credentials set long ago (the CIS audit ages them from when they were set)',
        fixture: report(
          row('old-password', { passwordEnabled: true, passwordLastChanged: daysAgo(days + 15) }),
          row('old-key', { accessKeys: [key(), key({ active: true, lastRotated: daysAgo(days + 1) })] }),
          row('password-from-creation', { passwordEnabled: true, userCreationTime: daysAgo(days + 5) }),
        ),
        results: [
          { resource: userArn('old-password'), reasonCode: 'CREDENTIALS_UNUSED', reason: `console password (never used, set ${days + 15} days ago)` },
          { resource: userArn('old-key'), reasonCode: 'CREDENTIALS_UNUSED', reason: `access key 2 (never used, set ${days + 1} days ago)` },
          { resource: userArn('password-from-creation'), reasonCode: 'CREDENTIALS_UNUSED' },
        ],
      },
      {
        name: 'a credential with no date at all fails (fail closed)',
        fixture: report(row('undated', { passwordEnabled: true, userCreationTime: null })),
        results: { resource: userArn('undated'), reasonCode: 'CREDENTIALS_UNUSED', reason: 'console password (no usage or creation date in the report)' },
      },
    ],
    notAvailable: [
      {
        name: 'the credential report cannot be generated',
        fixture: { 'iam.credentialReport': denied('iam:GenerateCredentialReport') },
        results: {
          resource: `AWS::::Account:${ACCOUNT}`,
          reasonCode: 'ACCESS_DENIED',
          action: 'iam:GenerateCredentialReport',
          reason: 'Missing permission iam:GenerateCredentialReport (AccessDenied)',
        },
      },
      {
        name: 'the credential report cannot be read',
        fixture: { 'iam.credentialReport': denied('iam:GetCredentialReport') },
        results: { reasonCode: 'ACCESS_DENIED', action: 'iam:GetCredentialReport' },
      },
    ],
  };
}
