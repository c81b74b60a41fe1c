import { defineRule, fail, notAvailable, pass } from '../../src/engine/rule.js';
import { fullAdminStatements } from '../lib/policy-statements.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { iamPolicyResource } from '../lib/resources.js';

export default defineRule({
  id: 'iam-policy-no-full-admin',
  title: 'IAM policies should not allow full "*" administrative privileges',
  securityHubControlId: 'IAM.1',
  severity: 'HIGH',
  cis: { '1.2.0': '1.22', '1.4.0': '1.16' },
  cisExtra: { '3.0.0': '1.16', '5.0.0': '1.15', '6.0.0': '2.15', '7.0.0': '2.14' },
  scope: 'account',
  resourceType: 'AwsIamPolicy',
  requiredActions: ['iam:GetAccountAuthorizationDetails'],
  reasonCodes: {
    NO_FULL_ADMIN_STATEMENT: 'The policy has no Allow statement with "*" actions on "*" resources.',
    PERMISSIONS_BOUNDARY_ONLY: 'The policy allows "*" on "*" but is used only as a permissions boundary.',
    FULL_ADMIN_POLICY_ATTACHED: 'The policy allows "*" on "*" and is attached to an identity.',
    FULL_ADMIN_POLICY_UNATTACHED: 'The policy allows "*" on "*" and is not attached to any identity.',
    POLICY_DOCUMENT_UNREADABLE: 'The default version of the policy could not be read as a policy document.',
  },
  remediation: withSteps('iam-policy-no-full-admin', securityHubRemediation(
    'IAM.1',
    'Replace the "Action": "*" on "Resource": "*" statement with the actions and resources the policy\'s users need, or delete the policy.',
  ), {
    change: 'Replace the policy\'s "Action": "*" on "Resource": "*" statements (IAM, global) with the actions and resources its users need: add a new default version, then delete the old versions once nothing breaks. A policy keeps at most five versions.',
    cli: [
      "aws iam create-policy-version --policy-arn {{resourceArn}} --set-as-default --policy-document '{{scopedPolicy}}'",
    ],
    cloudformation: `# On the existing AWS::IAM::ManagedPolicy: name the actions and resources.
ScopedPolicy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    ManagedPolicyName: "{{resource}}"
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action:
            - s3:GetObject
            - s3:ListBucket
          Resource:
            - "arn:{{partition}}:s3:::example-bucket"
            - "arn:{{partition}}:s3:::example-bucket/*"
`,
    terraform: `# On the existing aws_iam_policy: name the actions and resources.
resource "aws_iam_policy" "scoped" {
  name = "{{resource}}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:{{partition}}:s3:::example-bucket", "arn:{{partition}}:s3:::example-bucket/*"]
    }]
  })
}
`,
    inputs: {
      scopedPolicy: {
        default: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:{{partition}}:s3:::example-bucket","arn:{{partition}}:s3:::example-bucket/*"]}]}',
        means: 'The policy document that grants what the users need (the default is an example).',
      },
    },
  }),
  async evaluate({ data }) {
    const { policies } = await data.iam.authorizationDetails();
    return policies.map((policy) => {
      const resource = iamPolicyResource(policy);
      const attached = policy.attachmentCount > 0;
      const evidence = {
        attachmentCount: policy.attachmentCount,
        permissionsBoundaryUsageCount: policy.permissionsBoundaryUsageCount,
        defaultVersionId: policy.defaultVersionId,
      };
      if (!policy.document) {
        return notAvailable(resource, `The default version of policy ${policy.name} could not be read as a policy document.`, {
          reasonCode: 'POLICY_DOCUMENT_UNREADABLE',
          evidence,
        });
      }
      const admin = fullAdminStatements(policy.document);
      if (admin.length === 0) {
        return pass(resource, `Policy ${policy.name} does not allow "*" actions on "*" resources.`, { reasonCode: 'NO_FULL_ADMIN_STATEMENT', evidence });
      }
      if (!attached && policy.permissionsBoundaryUsageCount > 0) {
        return pass(resource, `Policy ${policy.name} allows "*" on "*" but is used only as a permissions boundary, which grants nothing by itself.`, {
          reasonCode: 'PERMISSIONS_BOUNDARY_ONLY',
          evidence: { ...evidence, adminStatements: admin.length },
        });
      }
      const where = attached
        ? `is attached to ${policy.attachmentCount} ${policy.attachmentCount === 1 ? 'identity' : 'identities'}`
        : 'is not attached to any identity';
      return fail(resource, `Policy ${policy.name} allows "*" actions on "*" resources and ${where}.`, {
        reasonCode: attached ? 'FULL_ADMIN_POLICY_ATTACHED' : 'FULL_ADMIN_POLICY_UNATTACHED',
        evidence: { ...evidence, adminStatements: admin.length, adminStatementSids: admin.map((s) => s.Sid ?? '(no Sid)').join(', ') },
      });
    });
  },
});
