import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { awsManagedPolicyArn, groupMemberCounts, hasTrustedEntity } from '../lib/iam-identities.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'iam-support-role-exists',
  title: 'A support role should be created to manage incidents with AWS Support',
  securityHubControlId: 'IAM.18',
  severity: 'LOW',
  cis: { '1.2.0': '1.20', '1.4.0': '1.17', '3.0.0': '1.17', '5.0.0': '1.16', '6.0.0': '2.16', '7.0.0': '2.15' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:ListEntitiesForPolicy', 'iam:GetAccountAuthorizationDetails'],
  reasonCodes: {
    SUPPORT_POLICY_ON_USER: 'AWSSupportAccess is attached to at least one user.',
    SUPPORT_POLICY_USABLE: 'AWSSupportAccess is attached to a role someone is trusted to assume, or to a group with members.',
    SUPPORT_POLICY_MISSING: 'The AWSSupportAccess policy does not exist in the partition.',
    SUPPORT_POLICY_UNUSED: 'AWSSupportAccess is attached to no user, group or role.',
    SUPPORT_POLICY_UNUSABLE: 'AWSSupportAccess is attached only to groups with no members or roles nobody is trusted to assume.',
  },
  remediation: withSteps('iam-support-role-exists', securityHubRemediation(
    'IAM.18',
    'Create a role that your support staff can assume (or a group with members) and attach the AWS managed policy AWSSupportAccess to it.',
  ), {
    change: 'Create a role (IAM, global) that your support staff can assume, with the AWS managed policy AWSSupportAccess attached.',
    cli: [
      "aws iam create-role --role-name {{roleName}} --assume-role-policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:{{partition}}:iam::{{account}}:root\"},\"Action\":\"sts:AssumeRole\"}]}'",
      'aws iam attach-role-policy --role-name {{roleName}} --policy-arn arn:{{partition}}:iam::aws:policy/AWSSupportAccess',
    ],
    cloudformation: `SupportRole:
  Type: AWS::IAM::Role
  Properties:
    RoleName: "{{roleName}}"
    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal:
            AWS: "arn:{{partition}}:iam::{{account}}:root"
          Action: sts:AssumeRole
    ManagedPolicyArns:
      - "arn:{{partition}}:iam::aws:policy/AWSSupportAccess"
`,
    terraform: `resource "aws_iam_role" "support" {
  name = "{{roleName}}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:{{partition}}:iam::{{account}}:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "support" {
  role       = aws_iam_role.support.name
  policy_arn = "arn:{{partition}}:iam::aws:policy/AWSSupportAccess"
}
`,
    inputs: { roleName: { default: 'aws-support', means: 'The role support staff assume.' } },
  }),
  async evaluate({ data, account, partition }) {
    const policyArn = awsManagedPolicyArn(partition, 'AWSSupportAccess');
    const entities = await data.iam.entitiesForPolicy(policyArn);
    const resource = accountResource(account);
    const evidence = {
      policyArn,
      attachedUsers: entities?.users.length ?? 0,
      attachedGroups: entities?.groups.length ?? 0,
      attachedRoles: entities?.roles.length ?? 0,
    };
    if (!entities) {
      return [fail(resource, `The policy ${policyArn} does not exist in this partition, so no identity can hold it.`, { reasonCode: 'SUPPORT_POLICY_MISSING', evidence })];
    }
    if (entities.users.length > 0) {
      return [pass(resource, `AWSSupportAccess is attached to user ${entities.users.map((u) => u.name).join(', ')}.`, { reasonCode: 'SUPPORT_POLICY_ON_USER', evidence })];
    }
    if (entities.groups.length === 0 && entities.roles.length === 0) {
      return [fail(resource, 'AWSSupportAccess is attached to no user, group or role.', { reasonCode: 'SUPPORT_POLICY_UNUSED', evidence })];
    }
    const details = await data.iam.authorizationDetails();
    const members = groupMemberCounts(details);
    const groups = entities.groups.filter((g) => (members.get(g.name) ?? 0) > 0).map((g) => g.name);
    const roles = entities.roles
      .filter((r) => details.roles.some((role) => role.name === r.name && hasTrustedEntity(role)))
      .map((r) => r.name);
    const usable = { ...evidence, groupsWithMembers: groups.join(', ') || null, rolesWithTrustedEntity: roles.join(', ') || null };
    if (groups.length > 0 || roles.length > 0) {
      const where = [...(roles.length > 0 ? [`role ${roles.join(', ')}`] : []), ...(groups.length > 0 ? [`group ${groups.join(', ')} (with members)`] : [])];
      return [pass(resource, `AWSSupportAccess is attached to ${where.join(' and ')}.`, { reasonCode: 'SUPPORT_POLICY_USABLE', evidence: usable })];
    }
    return [
      fail(resource, 'AWSSupportAccess is attached only to groups with no members or roles that nobody is trusted to assume.', {
        reasonCode: 'SUPPORT_POLICY_UNUSABLE',
        evidence: usable,
      }),
    ];
  },
});
