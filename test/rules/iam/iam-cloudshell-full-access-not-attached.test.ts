import { expect } from 'vitest';
import rule from '../../../rules/iam/iam-cloudshell-full-access-not-attached.js';
import type { PolicyEntities } from '../../../src/data/iam.js';
import type { Json } from '../../../src/data/accessor.js';
import { denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ACCOUNT, details, group, role, user } from './fixtures.js';

const CLOUDSHELL = 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess';
const entities = (e: Partial<PolicyEntities>): PolicyEntities => ({ users: [], groups: [], roles: [], ...e });
const ref = (name: string) => ({ name, id: `ID-${name}` });
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;

testRule(rule, {
  passed: [
    {
      name: 'nothing holds the policy: every identity passes',
      fixture: { 'iam.entitiesForPolicy': entities({}), ...details({ users: [user('liam')], roles: [role('app')] }) },
      results: [
        { resource: arn('user', 'liam'), reasonCode: 'CLOUDSHELL_FULL_ACCESS_NOT_ATTACHED' },
        { resource: arn('role', 'app'), reasonCode: 'CLOUDSHELL_FULL_ACCESS_NOT_ATTACHED' },
      ],
    },
    {
      name: 'the account has no IAM identity at all: one result on the account',
      fixture: { 'iam.entitiesForPolicy': entities({}), ...details() },
      results: { resource: `AWS::::Account:${ACCOUNT}`, reasonCode: 'NO_IAM_IDENTITIES' },
      check: ({ findings }) => expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: `AWS::::Account:${ACCOUNT}` }),
    },
    {
      name: 'the policy does not exist in the partition',
      fixture: { 'iam.entitiesForPolicy': null, ...details({ users: [user('liam')] }) },
      results: { resource: arn('user', 'liam'), reasonCode: 'CLOUDSHELL_FULL_ACCESS_NOT_ATTACHED', evidence: { policyExists: false } },
    },
  ],
  failed: [
    {
      name: 'each holder fails with its own resource type; every other identity passes',
      fixture: {
        'iam.entitiesForPolicy': ([policyArn]: Json[]) =>
          policyArn === CLOUDSHELL ? entities({ users: [ref('kate')], groups: [ref('shell')], roles: [ref('ops')] }) : null,
        ...details({
          users: [user('kate'), user('liam')],
          groups: [group('shell'), group('readers')],
          roles: [role('ops', undefined, { arn: 'arn:aws:iam::123456789012:role/team/ops', path: '/team/' }), role('app')],
        }),
      },
      results: [
        { resource: arn('user', 'kate'), reasonCode: 'CLOUDSHELL_FULL_ACCESS_ATTACHED' },
        { resource: arn('user', 'liam'), status: 'PASSED', reasonCode: 'CLOUDSHELL_FULL_ACCESS_NOT_ATTACHED' },
        { resource: arn('group', 'shell'), reasonCode: 'CLOUDSHELL_FULL_ACCESS_ATTACHED' },
        { resource: arn('group', 'readers'), status: 'PASSED', reasonCode: 'CLOUDSHELL_FULL_ACCESS_NOT_ATTACHED' },
        { resource: arn('role', 'team/ops'), reasonCode: 'CLOUDSHELL_FULL_ACCESS_ATTACHED', reason: 'The role ops has AWSCloudShellFullAccess attached.' },
        { resource: arn('role', 'app'), status: 'PASSED', reasonCode: 'CLOUDSHELL_FULL_ACCESS_NOT_ATTACHED' },
      ],
      check: ({ results, findings }) => {
        expect(results.map((r) => r.resource.type)).toEqual(['AwsIamUser', 'AwsIamUser', 'AwsIamGroup', 'AwsIamGroup', 'AwsIamRole', 'AwsIamRole']);
        const ops = findings.find((f) => f.ProductFields?.['hubcheck/ResourceName'] === 'ops');
        expect(ops?.Resources?.[0]).toMatchObject({ Type: 'AwsIamRole', Id: arn('role', 'team/ops'), Details: { AwsIamRole: { RoleName: 'ops' } } });
        expect(ops?.Severity?.Label).toBe('MEDIUM');
        expect(findings.find((f) => f.ProductFields?.['hubcheck/ResourceName'] === 'shell')?.Resources?.[0]).toMatchObject({
          Type: 'AwsIamGroup',
          Id: arn('group', 'shell'),
        });
      },
    },
    {
      name: 'a holder missing from the authorization details still fails, with an ARN built from its name',
      fixture: { 'iam.entitiesForPolicy': entities({ users: [ref('newcomer')] }), ...details({ users: [user('liam')] }) },
      results: [
        { resource: arn('user', 'liam'), status: 'PASSED', reasonCode: 'CLOUDSHELL_FULL_ACCESS_NOT_ATTACHED' },
        { resource: arn('user', 'newcomer'), reasonCode: 'CLOUDSHELL_FULL_ACCESS_ATTACHED' },
      ],
    },
  ],
  notAvailable: [
    {
      name: 'the entities holding the policy cannot be listed',
      fixture: { 'iam.entitiesForPolicy': denied('iam:ListEntitiesForPolicy') },
      results: {
        resource: `AWS::::Account:${ACCOUNT}`,
        reasonCode: 'ACCESS_DENIED',
        action: 'iam:ListEntitiesForPolicy',
        reason: 'Missing permission iam:ListEntitiesForPolicy (AccessDenied)',
      },
    },
    {
      name: 'the authorization details cannot be read',
      fixture: { 'iam.entitiesForPolicy': entities({}), 'iam.authorizationDetails': denied('iam:GetAccountAuthorizationDetails') },
      results: {
        resource: `AWS::::Account:${ACCOUNT}`,
        reasonCode: 'ACCESS_DENIED',
        action: 'iam:GetAccountAuthorizationDetails',
        reason: 'Missing permission iam:GetAccountAuthorizationDetails (AccessDenied)',
      },
    },
  ],
});
