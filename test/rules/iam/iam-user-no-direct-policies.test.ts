import { expect } from 'vitest';
import rule from '../../../rules/iam/iam-user-no-direct-policies.js';
import { denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ACCOUNT, details, user } from './fixtures.js';

const READ_ONLY = { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };
const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

testRule(rule, {
  passed: [
    {
      name: 'covers CIS v1.4.0 1.15 as an extra requirement',
      fixture: details({ users: [user('a')] }),
      options: { benchmarks: ['1.4.0'] },
      results: { resource: userArn('a'), reasonCode: 'USER_HAS_NO_POLICIES' },
      check: ({ findings }) => expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.4.0/1.15']),
    },
  ],
  failed: [
    {
      name: 'users with attached or inline policies fail; a user who gets permissions from groups passes',
      fixture: details({
        users: [
          user('attached', { attachedManagedPolicies: [READ_ONLY] }),
          user('both', { attachedManagedPolicies: [READ_ONLY], inlinePolicies: [{ name: 'extra', document: null }, { name: 'more', document: null }] }),
          user('grouped', { groups: ['developers'], permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary' }),
          user('inline', { inlinePolicies: [{ name: 's3-access', document: null }] }),
        ],
      }),
      results: [
        { resource: userArn('attached'), reasonCode: 'USER_HAS_POLICIES', reason: 'User attached has attached managed policy ReadOnlyAccess.' },
        {
          resource: userArn('both'),
          reasonCode: 'USER_HAS_POLICIES',
          reason: 'User both has attached managed policy ReadOnlyAccess and inline policies extra, more.',
        },
        { resource: userArn('grouped'), status: 'PASSED', reasonCode: 'USER_HAS_NO_POLICIES' },
        {
          resource: userArn('inline'),
          reasonCode: 'USER_HAS_POLICIES',
          evidence: { attachedManagedPolicies: 0, inlinePolicies: 1, inlinePolicyNames: 's3-access' },
        },
      ],
      check: ({ findings }) => {
        expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsIamUser', Id: userArn('attached') });
        expect(findings[0]?.Severity?.Label).toBe('LOW');
      },
    },
  ],
  notAvailable: [
    {
      name: 'the authorization details cannot be read',
      fixture: { 'iam.authorizationDetails': denied('iam:GetAccountAuthorizationDetails') },
      results: { resource: `AWS::::Account:${ACCOUNT}`, reasonCode: 'ACCESS_DENIED', action: 'iam:GetAccountAuthorizationDetails' },
    },
  ],
});
