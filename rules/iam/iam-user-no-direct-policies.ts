import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { iamUserResource } from '../lib/resources.js';

export default defineRule({
  id: 'iam-user-no-direct-policies',
  title: 'IAM users should not have IAM policies attached',
  securityHubControlId: 'IAM.2',
  severity: 'LOW',
  cis: { '1.2.0': '1.16', '3.0.0': '1.15', '5.0.0': '1.14', '6.0.0': '2.14', '7.0.0': '2.13' },
  cisExtra: { '1.4.0': '1.15' },
  scope: 'account',
  resourceType: 'AwsIamUser',
  requiredActions: ['iam:GetAccountAuthorizationDetails'],
  reasonCodes: {
    USER_HAS_NO_POLICIES: 'The user has no attached managed or inline policies of its own.',
    USER_HAS_POLICIES: 'The user has attached managed or inline policies of its own.',
  },
  remediation: withSteps('iam-user-no-direct-policies', securityHubRemediation(
    'IAM.2',
    'Move the user\'s managed and inline policies to a group (or a role) and add the user to that group; then detach and delete the policies on the user.',
  ), {
    change: 'Move the user\'s policies to a group (IAM, global): attach them to the group, add the user to it, then detach and delete them on the user.',
    cli: [
      'aws iam create-group --group-name {{groupName}}',
      "for arn in $(aws iam list-attached-user-policies --user-name {{resource}} --query 'AttachedPolicies[].PolicyArn' --output text); do aws iam attach-group-policy --group-name {{groupName}} --policy-arn $arn && aws iam detach-user-policy --user-name {{resource}} --policy-arn $arn; done",
      "for name in $(aws iam list-user-policies --user-name {{resource}} --query 'PolicyNames' --output text); do doc=$(aws iam get-user-policy --user-name {{resource}} --policy-name $name --query PolicyDocument --output json) && aws iam put-group-policy --group-name {{groupName}} --policy-name $name --policy-document \"$doc\" && aws iam delete-user-policy --user-name {{resource}} --policy-name $name; done",
      'aws iam add-user-to-group --group-name {{groupName}} --user-name {{resource}}',
    ],
    cloudformation: `# Declare the permissions on a group, and remove Policies and ManagedPolicyArns from the user.
UserGroup:
  Type: AWS::IAM::Group
  Properties:
    GroupName: "{{groupName}}"
    ManagedPolicyArns:
      - "arn:{{partition}}:iam::aws:policy/ReadOnlyAccess"
Membership:
  Type: AWS::IAM::UserToGroupAddition
  Properties:
    GroupName: !Ref UserGroup
    Users:
      - "{{resource}}"
`,
    terraform: `# Declare the permissions on a group, and remove the user's policy attachments.
resource "aws_iam_group" "users" {
  name = "{{groupName}}"
}

resource "aws_iam_group_policy_attachment" "users" {
  group      = aws_iam_group.users.name
  policy_arn = "arn:{{partition}}:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_user_group_membership" "user" {
  user   = "{{resource}}"
  groups = [aws_iam_group.users.name]
}
`,
    inputs: { groupName: { default: '{{resource}}-permissions', means: 'The group that takes over the user\'s policies.' } },
  }),
  async evaluate({ data }) {
    const { users } = await data.iam.authorizationDetails();
    return users.map((user) => {
      const resource = iamUserResource(user.arn, user.name);
      const managed = user.attachedManagedPolicies.map((p) => p.name);
      const inline = user.inlinePolicies.map((p) => p.name);
      const evidence = {
        attachedManagedPolicies: managed.length,
        inlinePolicies: inline.length,
        ...(managed.length > 0 ? { attachedManagedPolicyNames: managed.join(', ') } : {}),
        ...(inline.length > 0 ? { inlinePolicyNames: inline.join(', ') } : {}),
      };
      if (managed.length === 0 && inline.length === 0) {
        return pass(resource, `User ${user.name} has no policies of its own.`, { reasonCode: 'USER_HAS_NO_POLICIES', evidence });
      }
      const parts = [
        ...(managed.length > 0 ? [`attached managed ${managed.length === 1 ? 'policy' : 'policies'} ${managed.join(', ')}`] : []),
        ...(inline.length > 0 ? [`inline ${inline.length === 1 ? 'policy' : 'policies'} ${inline.join(', ')}`] : []),
      ];
      return fail(resource, `User ${user.name} has ${parts.join(' and ')}.`, { reasonCode: 'USER_HAS_POLICIES', evidence });
    });
  },
});
