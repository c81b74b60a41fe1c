import { accountResource, defineRule, fail, notAvailable, pass } from '../../src/engine/rule.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';

/** The two features of centralized root access. */
export const ROOT_ACCESS_FEATURES = ['RootCredentialsManagement', 'RootSessions'] as const;

export default defineRule({
  id: 'iam-root-access-centralized',
  title: 'Root access of member accounts should be managed centrally',
  securityHubControlId: null,
  severity: 'MEDIUM',
  cis: { '7.0.0': '2.1.1' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['iam:ListOrganizationsFeatures'],
  reasonCodes: {
    ROOT_ACCESS_CENTRALIZED: 'RootCredentialsManagement and RootSessions are both enabled for the organization.',
    ROOT_ACCESS_NOT_CENTRALIZED: 'At least one of RootCredentialsManagement and RootSessions is not enabled (the reason names them).',
    TRUSTED_ACCESS_DISABLED: 'IAM has no trusted access in AWS Organizations, so centralized root access is off.',
    ORGANIZATION_NOT_ALL_FEATURES: 'The organization has only consolidated billing, so centralized root access cannot be on.',
    NOT_IN_ORGANIZATION: 'The account is not in an organization, so its root access cannot be managed centrally.',
    NOT_MANAGEMENT_ACCOUNT: 'NOT_AVAILABLE: only the management account or the delegated administrator for IAM can read the setting.',
  },
  remediation: withSteps('iam-root-access-centralized', ruleDocRemediation(
    'iam',
    'iam-root-access-centralized',
    'From the management account, enable IAM trusted access in Organizations and both centralized root access features (aws organizations enable-aws-service-access --service-principal iam.amazonaws.com; aws iam enable-organizations-root-credentials-management; aws iam enable-organizations-root-sessions).',
  ), {
    change: 'From the management account of the organization (IAM, global): give IAM trusted access in AWS Organizations, then turn on both centralized root access features, root credentials management and privileged root sessions.',
    cli: [
      'aws organizations enable-aws-service-access --service-principal iam.amazonaws.com',
      'aws iam enable-organizations-root-credentials-management',
      'aws iam enable-organizations-root-sessions',
    ],
    terraform: `resource "aws_iam_organizations_features" "root_access" {
  enabled_features = ["RootCredentialsManagement", "RootSessions"]
}
`,
    cannot: 'CloudFormation has no resource type for the centralized root access features.',
  }),
  async evaluate({ data, account }) {
    const features = await data.iam.organizationsFeatures();
    const resource = accountResource(account);
    const evidence = { standing: features.standing, organizationId: features.organizationId, enabledFeatures: features.enabledFeatures.join(',') };
    switch (features.standing) {
      case 'not-management-account':
        return [
          notAvailable(
            resource,
            `Account ${account} is neither the management account nor the delegated administrator for IAM, so iam:ListOrganizationsFeatures cannot say whether root access is centralized; scan the management account.`,
            { reasonCode: 'NOT_MANAGEMENT_ACCOUNT', evidence },
          ),
        ];
      case 'not-in-organization':
        return [fail(resource, `Account ${account} is not in an AWS organization, so its root access cannot be managed centrally.`, { reasonCode: 'NOT_IN_ORGANIZATION', evidence })];
      case 'trusted-access-disabled':
        return [
          fail(resource, 'IAM has no trusted access in AWS Organizations, so centralized root access is off.', { reasonCode: 'TRUSTED_ACCESS_DISABLED', evidence }),
        ];
      case 'not-all-features':
        return [
          fail(resource, 'The organization has only consolidated billing features, so centralized root access cannot be enabled.', {
            reasonCode: 'ORGANIZATION_NOT_ALL_FEATURES',
            evidence,
          }),
        ];
      case 'readable': {
        const missing = ROOT_ACCESS_FEATURES.filter((f) => !features.enabledFeatures.includes(f));
        return missing.length === 0
          ? [pass(resource, 'Centralized root access is on: RootCredentialsManagement and RootSessions are enabled.', { reasonCode: 'ROOT_ACCESS_CENTRALIZED', evidence })]
          : [fail(resource, `Centralized root access is not fully on: ${missing.join(' and ')} not enabled.`, { reasonCode: 'ROOT_ACCESS_NOT_CENTRALIZED', evidence })];
      }
    }
  },
});
