import { expect } from 'vitest';
import rule from '../../../rules/iam/iam-access-key-rotated.js';
import { denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ACCOUNT, daysAgo, GENERATED, key, report, row } from './fixtures.js';

const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const januaryKey = report(row('k', { accessKeys: [key({ active: true, lastRotated: '2026-01-01T00:00:00+00:00' }), key()] }));

testRule(rule, {
  passed: [
    {
      name: 'the scan clock, not the wall clock, makes a January key 59 days old on 1 March',
      fixture: januaryKey,
      options: { now: new Date('2026-03-01T00:00:00Z') },
      results: { resource: userArn('k'), reasonCode: 'ACCESS_KEYS_ROTATED' },
    },
  ],
  failed: [
    {
      name: 'an active key older than 90 days fails; fresh, inactive and absent keys pass; the root row is not judged',
      fixture: report(
        row('<root_account>', { passwordEnabled: null, accessKeys: [key({ active: true, lastRotated: daysAgo(400) }), key()] }),
        row('fresh', { accessKeys: [key({ active: true, lastRotated: daysAgo(10) }), key({ active: true, lastRotated: daysAgo(90) })] }),
        row('no-keys'),
        row('old-inactive', { accessKeys: [key({ active: false, lastRotated: daysAgo(500) }), key()] }),
        row('stale', { accessKeys: [key({ active: true, lastRotated: daysAgo(30) }), key({ active: true, lastRotated: daysAgo(91) })] }),
      ),
      results: [
        { resource: userArn('fresh'), status: 'PASSED', reasonCode: 'ACCESS_KEYS_ROTATED' },
        { resource: userArn('no-keys'), status: 'PASSED', reasonCode: 'NO_ACTIVE_ACCESS_KEY' },
        { resource: userArn('old-inactive'), status: 'PASSED', reasonCode: 'NO_ACTIVE_ACCESS_KEY' },
        {
          resource: userArn('stale'),
          reasonCode: 'ACCESS_KEY_NOT_ROTATED',
          reason: 'User stale has active access keys older than 90 days: access key 2 (91 days old).',
        },
      ],
      check: ({ findings }) => {
        expect(findings).toHaveLength(4);
        for (const finding of findings) expect(finding.ProductFields?.['hubcheck/evidence/reportGeneratedAt']).toBe(GENERATED);
        expect(findings[3]?.ProductFields?.['hubcheck/evidence/maxAccessKeyAgeDays']).toBe('90');
      },
    },
    {
      name: 'an active key whose rotation date the report does not give (fail closed)',
      fixture: report(row('odd', { accessKeys: [key({ active: true, lastRotated: null }), key()] })),
      results: {
        resource: userArn('odd'),
        reasonCode: 'ACCESS_KEY_NOT_ROTATED',
        reason: 'User odd has active access keys older than 90 days: access key 1 (no rotation date).',
      },
    },
    {
      name: 'the scan clock, not the wall clock, makes a January key 104 days old on 15 April',
      fixture: januaryKey,
      options: { now: new Date('2026-04-15T00:00:00Z') },
      results: { resource: userArn('k'), reasonCode: 'ACCESS_KEY_NOT_ROTATED' },
    },
  ],
  notAvailable: [
    {
      name: 'the credential report cannot be read',
      fixture: { 'iam.credentialReport': denied('iam:GetCredentialReport') },
      results: {
        resource: `AWS::::Account:${ACCOUNT}`,
        reasonCode: 'ACCESS_DENIED',
        action: 'iam:GetCredentialReport',
        reason: 'Missing permission iam:GetCredentialReport (AccessDenied)',
      },
    },
  ],
});
