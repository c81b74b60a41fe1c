import { expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-policy-no-full-admin.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { testRule, type RuleCase } from '../../helpers/rule-tester.js';
import { ACCOUNT, details, policy } from './fixtures.js';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const ADMIN = { Effect: 'Allow', Action: '*', Resource: '*' };
const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;

const notAdmin = (label: string, document: object): RuleCase => ({
  name: label,
  fixture: details({ policies: [policy('p', document, { attachmentCount: 1 })] }),
  results: { resource: policyArn('p'), reasonCode: 'NO_FULL_ADMIN_STATEMENT' },
});

testRule(rule, {
  passed: [
    notAdmin('a Deny statement', doc({ Effect: 'Deny', Action: '*', Resource: '*' })),
    notAdmin('"*" actions on one resource', doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' })),
    notAdmin('service wildcards on "*"', doc({ Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' })),
    notAdmin('NotAction (not interpreted, as in Security Hub)', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })),
    notAdmin('no statement', doc()),
  ],
  failed: [
    {
      name: 'an attached policy with Action "*" on Resource "*", saying it is attached',
      fixture: details({ policies: [policy('admin', doc(ADMIN), { attachmentCount: 2 })] }),
      results: {
        resource: policyArn('admin'),
        reasonCode: 'FULL_ADMIN_POLICY_ATTACHED',
        reason: 'Policy admin allows "*" actions on "*" resources and is attached to 2 identities.',
      },
      check: ({ results, findings }) => {
        expect(results[0]?.reason).toBe('Policy admin allows "*" actions on "*" resources and is attached to 2 identities.');
        expect(findings[0]?.Resources?.[0]).toMatchObject({
          Type: 'AwsIamPolicy',
          Id: policyArn('admin'),
          Details: { AwsIamPolicy: { PolicyName: 'admin', AttachmentCount: 2 } },
        });
        expect(findings[0]?.Severity?.Label).toBe('HIGH');
      },
    },
    {
      name: 'an unattached admin policy, saying it is not attached',
      fixture: details({ policies: [policy('spare-admin', doc(ADMIN))] }),
      results: { resource: policyArn('spare-admin'), reasonCode: 'FULL_ADMIN_POLICY_UNATTACHED', reason: 'is not attached to any identity' },
    },
    {
      name: '"*" as one element of Action and Resource lists, in any statement',
      fixture: details({
        policies: [
          policy(
            'listed',
            doc(
              { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
              { Sid: 'Everything', Effect: 'Allow', Action: ['s3:*', '*'], Resource: ['arn:aws:s3:::b', '*'] },
            ),
            { attachmentCount: 1 },
          ),
        ],
      }),
      results: { resource: policyArn('listed'), reasonCode: 'FULL_ADMIN_POLICY_ATTACHED', evidence: { adminStatements: 1, adminStatementSids: 'Everything' } },
    },
    {
      name: 'an admin policy used only as a permissions boundary passes, but not one also attached',
      fixture: details({
        policies: [
          policy('boundary', doc(ADMIN), { permissionsBoundaryUsageCount: 3 }),
          policy('both', doc(ADMIN), { permissionsBoundaryUsageCount: 1, attachmentCount: 1 }),
        ],
      }),
      results: [
        { resource: policyArn('boundary'), status: 'PASSED', reasonCode: 'PERMISSIONS_BOUNDARY_ONLY' },
        { resource: policyArn('both'), reasonCode: 'FULL_ADMIN_POLICY_ATTACHED' },
      ],
    },
    {
      name: 'runs for every version: mapped in v1.2.0 and v1.4.0, an extra requirement in v3.0.0 and v5.0.0',
      fixture: details({ policies: [policy('admin', doc(ADMIN))] }),
      options: { benchmarks: ['1.2.0', '1.4.0', '3.0.0', '5.0.0'] },
      results: { resource: policyArn('admin'), reasonCode: 'FULL_ADMIN_POLICY_UNATTACHED' },
      check: ({ findings }) =>
        expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
          'CIS AWS Foundations Benchmark v1.2.0/1.22',
          'CIS AWS Foundations Benchmark v1.4.0/1.16',
          'CIS AWS Foundations Benchmark v3.0.0/1.16',
          'CIS AWS Foundations Benchmark v5.0.0/1.15',
        ]),
    },
  ],
  notAvailable: [
    {
      name: 'a policy whose document could not be parsed; the others are judged',
      fixture: details({ policies: [policy('broken', null), policy('fine', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }))] }),
      results: [
        { resource: policyArn('broken'), reasonCode: 'POLICY_DOCUMENT_UNREADABLE' },
        { resource: policyArn('fine'), status: 'PASSED', reasonCode: 'NO_FULL_ADMIN_STATEMENT' },
      ],
    },
    {
      name: 'the authorization details cannot be read',
      fixture: { 'iam.authorizationDetails': denied('iam:GetAccountAuthorizationDetails') },
      results: {
        resource: `AWS::::Account:${ACCOUNT}`,
        reasonCode: 'ACCESS_DENIED',
        action: 'iam:GetAccountAuthorizationDetails',
        reason: 'Missing permission iam:GetAccountAuthorizationDetails (AccessDenied)',
      },
    },
  ],
});

// Not a table case: a table case must yield a result of its group's status.
const run = ruleHarness(rule);
it('gives no result in an account without customer-managed policies', async () => {
  const { results } = await run(details());
  expect(results).toEqual([]);
});
