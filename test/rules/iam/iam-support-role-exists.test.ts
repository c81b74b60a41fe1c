import { expect } from 'vitest';
import rule from '../../../rules/iam/iam-support-role-exists.js';
import type { PolicyEntities } from '../../../src/data/iam.js';
import type { Json } from '../../../src/data/accessor.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { details, role, user } from './fixtures.js';

const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;
const SUPPORT = 'arn:aws:iam::aws:policy/AWSSupportAccess';
const entities = (e: Partial<PolicyEntities>): PolicyEntities => ({ users: [], groups: [], roles: [], ...e });
const ref = (name: string) => ({ name, id: `ID-${name}` });
const supportGroup = (members: string[]) => ({
  'iam.entitiesForPolicy': entities({ groups: [ref('support')] }),
  ...details({ users: [user('amy', { groups: members }), user('bob', { groups: ['developers'] })] }),
});
const NO_PRINCIPAL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] };

testRule(rule, {
  passed: [
    {
      name: "a user holds AWSSupportAccess: the partition's policy ARN is asked for, and nothing more",
      fixture: { 'iam.entitiesForPolicy': ([arn]: Json[]) => (arn === SUPPORT ? entities({ users: [ref('helpdesk')] }) : null) },
      results: {
        resource: ACCOUNT,
        reasonCode: 'SUPPORT_POLICY_ON_USER',
        reason: 'AWSSupportAccess is attached to user helpdesk.',
        evidence: { policyArn: SUPPORT, attachedUsers: 1 },
      },
      check: ({ source, findings }) => {
        expect(source.reads.map((r) => r.id)).toEqual(['iam.entitiesForPolicy']);
        expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: ACCOUNT });
      },
    },
    {
      name: 'a group with members holds it',
      fixture: supportGroup(['support']),
      results: {
        resource: ACCOUNT,
        reasonCode: 'SUPPORT_POLICY_USABLE',
        reason: 'AWSSupportAccess is attached to group support (with members).',
        evidence: { groupsWithMembers: 'support', attachedGroups: 1 },
      },
    },
    {
      name: 'a role whose trust policy allows a principal holds it',
      fixture: {
        'iam.entitiesForPolicy': entities({ roles: [ref('aws-support')] }),
        ...details({
          roles: [role('aws-support', { Statement: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' } })],
        }),
      },
      results: {
        resource: ACCOUNT,
        reasonCode: 'SUPPORT_POLICY_USABLE',
        reason: 'AWSSupportAccess is attached to role aws-support.',
        evidence: { rolesWithTrustedEntity: 'aws-support' },
      },
    },
  ],
  failed: [
    {
      name: 'nothing holds the policy',
      fixture: { 'iam.entitiesForPolicy': entities({}) },
      results: { resource: ACCOUNT, reasonCode: 'SUPPORT_POLICY_UNUSED' },
      check: ({ findings }) => expect(findings[0]?.Severity?.Label).toBe('LOW'),
    },
    {
      name: 'the policy does not exist in the partition',
      fixture: { 'iam.entitiesForPolicy': null },
      results: { resource: ACCOUNT, reasonCode: 'SUPPORT_POLICY_MISSING' },
    },
    {
      name: 'a group holds it but has no members',
      fixture: supportGroup([]),
      results: { resource: ACCOUNT, reasonCode: 'SUPPORT_POLICY_UNUSABLE' },
    },
    {
      name: 'roles hold it, but one trusts no principal and one is not in the details',
      fixture: {
        'iam.entitiesForPolicy': entities({ roles: [ref('broken'), ref('ghost')] }),
        ...details({ roles: [role('broken', NO_PRINCIPAL), role('unparsable', null)] }),
      },
      results: { resource: ACCOUNT, reasonCode: 'SUPPORT_POLICY_UNUSABLE' },
    },
  ],
  notAvailable: [
    {
      name: 'the entities holding the policy cannot be listed',
      fixture: { 'iam.entitiesForPolicy': denied('iam:ListEntitiesForPolicy') },
      results: {
        resource: ACCOUNT,
        reasonCode: 'ACCESS_DENIED',
        action: 'iam:ListEntitiesForPolicy',
        reason: 'Missing permission iam:ListEntitiesForPolicy (AccessDenied)',
      },
    },
    {
      name: 'the authorization details cannot be read',
      fixture: { 'iam.entitiesForPolicy': entities({ groups: [ref('support')] }), 'iam.authorizationDetails': denied('iam:GetAccountAuthorizationDetails') },
      results: { resource: ACCOUNT, reasonCode: 'ACCESS_DENIED', action: 'iam:GetAccountAuthorizationDetails' },
    },
  ],
});
