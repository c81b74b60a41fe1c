import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation } from '../lib/remediation.js';
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
  remediation: securityHubRemediation(
    'IAM.2',
    'Move the user\'s managed and inline policies to a group (or a role) and add the user to that group; then detach and delete the policies on the user.',
  ),
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
