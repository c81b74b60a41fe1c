import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-cloudshell-full-access-not-attached.js';
import type { PolicyEntities } from '../../../src/data/iam.js';
import type { Json } from '../../../src/data/accessor.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { details, group, role, user } from './fixtures.js';

const run = ruleHarness(rule);
const CLOUDSHELL = 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess';
const entities = (e: Partial<PolicyEntities>): PolicyEntities => ({ users: [], groups: [], roles: [], ...e });
const ref = (name: string) => ({ name, id: `ID-${name}` });

describe('iam-cloudshell-full-access-not-attached (IAM.27)', () => {
  it('fails each holder with its own resource type and passes every other identity', async () => {
    const { results, findings } = await run({
      'iam.entitiesForPolicy': ([arn]: Json[]) => (arn === CLOUDSHELL ? entities({ users: [ref('kate')], groups: [ref('shell')], roles: [ref('ops')] }) : null),
      ...details({
        users: [user('kate'), user('liam')],
        groups: [group('shell'), group('readers')],
        roles: [role('ops', undefined, { arn: 'arn:aws:iam::123456789012:role/team/ops', path: '/team/' }), role('app')],
      }),
    });
    expect(results.map((r) => [r.resource.type, r.resource.name, r.status])).toEqual([
      ['AwsIamUser', 'kate', 'FAILED'],
      ['AwsIamUser', 'liam', 'PASSED'],
      ['AwsIamGroup', 'shell', 'FAILED'],
      ['AwsIamGroup', 'readers', 'PASSED'],
      ['AwsIamRole', 'ops', 'FAILED'],
      ['AwsIamRole', 'app', 'PASSED'],
    ]);
    expect(results[4]).toMatchObject({ reasonCode: 'CLOUDSHELL_FULL_ACCESS_ATTACHED', reason: 'The role ops has AWSCloudShellFullAccess attached.' });
    const ops = findings.find((f) => f.ProductFields?.['hubcheck/ResourceName'] === 'ops');
    expect(ops?.Resources?.[0]).toMatchObject({ Type: 'AwsIamRole', Id: 'arn:aws:iam::123456789012:role/team/ops', Details: { AwsIamRole: { RoleName: 'ops' } } });
    expect(ops?.Severity?.Label).toBe('MEDIUM');
    expect(findings.find((f) => f.ProductFields?.['hubcheck/ResourceName'] === 'shell')?.Resources?.[0]).toMatchObject({
      Type: 'AwsIamGroup',
      Id: 'arn:aws:iam::123456789012:group/shell',
    });
  });

  it('passes every identity when nothing holds the policy', async () => {
    const { results } = await run({ 'iam.entitiesForPolicy': entities({}), ...details({ users: [user('liam')], roles: [role('app')] }) });
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['liam', 'PASSED'],
      ['app', 'PASSED'],
    ]);
  });

  it('passes on the account when the account has no IAM identity at all', async () => {
    const { results, findings } = await run({ 'iam.entitiesForPolicy': entities({}), ...details() });
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe('PASSED');
    expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsAccount', Id: 'AWS::::Account:123456789012' });
  });

  it('still fails a holder missing from the authorization details, with an ARN built from its name', async () => {
    const { results } = await run({ 'iam.entitiesForPolicy': entities({ users: [ref('newcomer')] }), ...details({ users: [user('liam')] }) });
    expect(results.map((r) => [r.resource.id, r.status])).toEqual([
      ['arn:aws:iam::123456789012:user/liam', 'PASSED'],
      ['arn:aws:iam::123456789012:user/newcomer', 'FAILED'],
    ]);
  });

  it('passes every identity when the policy does not exist in the partition', async () => {
    const { results } = await run({ 'iam.entitiesForPolicy': null, ...details({ users: [user('liam')] }) });
    expect(results[0]).toMatchObject({ status: 'PASSED', evidence: { policyExists: false } });
  });

  it('is NOT_AVAILABLE when either read is denied', async () => {
    const first = await run({ 'iam.entitiesForPolicy': denied('iam:ListEntitiesForPolicy'), ...details() });
    expect(first.results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission iam:ListEntitiesForPolicy (AccessDenied)' });
    const second = await run({ 'iam.entitiesForPolicy': entities({}), 'iam.authorizationDetails': denied('iam:GetAccountAuthorizationDetails') });
    expect(second.results[0]?.reason).toBe('Missing permission iam:GetAccountAuthorizationDetails (AccessDenied)');
  });
});
