import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-policy-no-full-admin.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { details, policy } from './fixtures.js';

const run = ruleHarness(rule);
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const ADMIN = { Effect: 'Allow', Action: '*', Resource: '*' };

describe('iam-policy-no-full-admin (IAM.1)', () => {
  it('fails an attached policy with Action "*" on Resource "*", saying it is attached', async () => {
    const { results, findings } = await run(details({ policies: [policy('admin', doc(ADMIN), { attachmentCount: 2 })] }));
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'FULL_ADMIN_POLICY_ATTACHED' });
    expect(results[0]?.reason).toBe('Policy admin allows "*" actions on "*" resources and is attached to 2 identities.');
    expect(findings[0]?.Resources?.[0]).toMatchObject({
      Type: 'AwsIamPolicy',
      Id: 'arn:aws:iam::123456789012:policy/admin',
      Details: { AwsIamPolicy: { PolicyName: 'admin', AttachmentCount: 2 } },
    });
    expect(findings[0]?.Severity?.Label).toBe('HIGH');
  });

  it('fails an unattached admin policy too, saying it is not attached', async () => {
    const { results } = await run(details({ policies: [policy('spare-admin', doc(ADMIN))] }));
    expect(results[0]).toMatchObject({ status: 'FAILED', reasonCode: 'FULL_ADMIN_POLICY_UNATTACHED' });
    expect(results[0]?.reason).toContain('is not attached to any identity');
  });

  it('finds "*" as one element of Action and Resource lists, in any statement', async () => {
    const listed = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Sid: 'Everything', Effect: 'Allow', Action: ['s3:*', '*'], Resource: ['arn:aws:s3:::b', '*'] });
    const { results } = await run(details({ policies: [policy('listed', listed, { attachmentCount: 1 })] }));
    expect(results[0]?.status).toBe('FAILED');
    expect(results[0]?.evidence).toMatchObject({ adminStatements: 1, adminStatementSids: 'Everything' });
  });

  it.each([
    ['a Deny statement', doc({ Effect: 'Deny', Action: '*', Resource: '*' })],
    ['"*" actions on one resource', doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' })],
    ['service wildcards on "*"', doc({ Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' })],
    ['NotAction (not interpreted, as in Security Hub)', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })],
    ['no statement', doc()],
  ])('passes %s', async (_label, document) => {
    const { results } = await run(details({ policies: [policy('p', document, { attachmentCount: 1 })] }));
    expect(results.map((r) => r.status)).toEqual(['PASSED']);
  });

  it('passes an admin policy used only as a permissions boundary, but not one also attached', async () => {
    const { results } = await run(
      details({
        policies: [
          policy('boundary', doc(ADMIN), { permissionsBoundaryUsageCount: 3 }),
          policy('both', doc(ADMIN), { permissionsBoundaryUsageCount: 1, attachmentCount: 1 }),
        ],
      }),
    );
    expect(results.map((r) => [r.resource.name, r.status, r.reasonCode])).toEqual([
      ['boundary', 'PASSED', 'PERMISSIONS_BOUNDARY_ONLY'],
      ['both', 'FAILED', 'FULL_ADMIN_POLICY_ATTACHED'],
    ]);
  });

  it('is NOT_AVAILABLE for a policy whose document could not be parsed, and judges the others', async () => {
    const { results } = await run(details({ policies: [policy('broken', null), policy('fine', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }))] }));
    expect(results.map((r) => [r.resource.name, r.status, r.reasonCode ?? null])).toEqual([
      ['broken', 'NOT_AVAILABLE', 'POLICY_DOCUMENT_UNREADABLE'],
      ['fine', 'PASSED', null],
    ]);
  });

  it('gives no result in an account without customer-managed policies', async () => {
    const { results } = await run(details());
    expect(results).toEqual([]);
  });

  it('runs for every version: mapped in v1.2.0 and v1.4.0, an extra requirement in v3.0.0 and v5.0.0', async () => {
    const { findings } = await run(details({ policies: [policy('admin', doc(ADMIN))] }), { benchmarks: ['1.2.0', '1.4.0', '3.0.0', '5.0.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
      'CIS AWS Foundations Benchmark v1.2.0/1.22',
      'CIS AWS Foundations Benchmark v1.4.0/1.16',
      'CIS AWS Foundations Benchmark v3.0.0/1.16',
      'CIS AWS Foundations Benchmark v5.0.0/1.15',
    ]);
  });

  it('is NOT_AVAILABLE when the authorization details cannot be read', async () => {
    const { results } = await run({ 'iam.authorizationDetails': denied('iam:GetAccountAuthorizationDetails') });
    expect(results[0]).toMatchObject({ status: 'NOT_AVAILABLE', reason: 'Missing permission iam:GetAccountAuthorizationDetails (AccessDenied)' });
  });
});
