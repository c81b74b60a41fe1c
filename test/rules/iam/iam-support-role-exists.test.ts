import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-support-role-exists.js';
import type { PolicyEntities } from '../../../src/data/iam.js';
import type { Json } from '../../../src/data/accessor.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { details, role, user } from './fixtures.js';

const run = ruleHarness(rule);
const SUPPORT = 'arn:aws:iam::aws:policy/AWSSupportAccess';
const entities = (e: Partial<PolicyEntities>): PolicyEntities => ({ users: [], groups: [], roles: [], ...e });
const ref = (name: string) => ({ name, id: `ID-${name}` });

describe('iam-support-role-exists (IAM.18)', () => {
  it('passes when a user holds AWSSupportAccess, asking for the partition\'s policy ARN and nothing more', async () => {
    const { results, findings, source } = await run({ 'iam.entitiesForPolicy': ([arn]: Json[]) => (arn === SUPPORT ? entities({ users: [ref('helpdesk')] }) : null) });
    expect(results[0]).toMatchObject({ status: 'PASSED', reason: 'AWSSupportAccess is attached to user helpdesk.', evidence: { policyArn: SUPPORT, attachedUsers: 1 } });
    expect(source.reads.map((r) => r.id)).toEqual(['iam.entitiesForPolicy']);
    expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: 'AWS::::Account:123456789012' });
  });

  it('fails when nothing holds the policy', async () => {
    const { results, findings } = await run({ 'iam.entitiesForPolicy': entities({}) });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'SUPPORT_POLICY_UNUSED' });
    expect(findings[0]?.Severity?.Label).toBe('LOW');
  });

  it('fails when the policy does not exist in the partition', async () => {
    const { results } = await run({ 'iam.entitiesForPolicy': null });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'SUPPORT_POLICY_MISSING' });
  });

  it('counts a group only when it has members', async () => {
    const fixture = (members: string[]) => ({
      'iam.entitiesForPolicy': entities({ groups: [ref('support')] }),
      ...details({ users: [user('amy', { groups: members }), user('bob', { groups: ['developers'] })] }),
    });
    const empty = await run(fixture([]));
    expect(empty.results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'SUPPORT_POLICY_UNUSABLE' });
    const staffed = await run(fixture(['support']));
    expect(staffed.results[0]).toMatchObject({
      status: 'PASSED',
      reason: 'AWSSupportAccess is attached to group support (with members).',
      evidence: { groupsWithMembers: 'support', attachedGroups: 1 },
    });
  });

  it('counts a role only when its trust policy allows a principal', async () => {
    const noPrincipal = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] };
    const { results } = await run({
      'iam.entitiesForPolicy': entities({ roles: [ref('broken'), ref('ghost')] }),
      ...details({ roles: [role('broken', noPrincipal), role('unparsable', null)] }),
    });
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'SUPPORT_POLICY_UNUSABLE' });

    const trusted = await run({
      'iam.entitiesForPolicy': entities({ roles: [ref('aws-support')] }),
      ...details({ roles: [role('aws-support', { Statement: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' } })] }),
    });
    expect(trusted.results[0]).toMatchObject({ status: 'PASSED', reason: 'AWSSupportAccess is attached to role aws-support.', evidence: { rolesWithTrustedEntity: 'aws-support' } });
  });

  it('is NOT_AVAILABLE when either read is denied', async () => {
    const first = await run({ 'iam.entitiesForPolicy': denied('iam:ListEntitiesForPolicy') });
    expect(first.results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission iam:ListEntitiesForPolicy (AccessDenied)' });
    const second = await run({
      'iam.entitiesForPolicy': entities({ groups: [ref('support')] }),
      'iam.authorizationDetails': denied('iam:GetAccountAuthorizationDetails'),
    });
    expect(second.results[0]?.status).toBe('NOT_AVAILABLE');
    expect(second.results[0]?.reason).toContain('iam:GetAccountAuthorizationDetails');
  });
});
