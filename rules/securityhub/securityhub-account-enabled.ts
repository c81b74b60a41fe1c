import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'securityhub-account-enabled',
  title: 'Security Hub should be enabled',
  securityHubControlId: null,
  severity: 'MEDIUM',
  cis: { '3.0.0': '4.16', '5.0.0': '4.16', '6.0.0': '5.16', '7.0.0': '5.16' },
  cisStatus: { '3.0.0': 'A', '5.0.0': 'A', '6.0.0': 'A', '7.0.0': 'A' },
  scope: 'region',
  resourceType: 'AwsAccount',
  requiredActions: ['securityhub:DescribeHub'],
  reasonCodes: {
    SECURITYHUB_ENABLED: 'The account is subscribed to Security Hub in the Region.',
    SECURITYHUB_NOT_ENABLED: 'The account is not subscribed to Security Hub in the Region.',
  },
  remediation: withSteps('securityhub-account-enabled', ruleDocRemediation(
    'securityhub',
    'securityhub-account-enabled',
    'Enable AWS Security Hub in every Region you use (aws securityhub enable-security-hub), or from the organization\'s delegated administrator.',
  ), {
    change: 'Enable AWS Security Hub in the Region (and the standards you follow).',
    cli: ['aws securityhub enable-security-hub --region {{region}} --enable-default-standards'],
    cloudformation: `SecurityHub:
  Type: AWS::SecurityHub::Hub
  Properties:
    EnableDefaultStandards: true
`,
    terraform: `resource "aws_securityhub_account" "this" {
  enable_default_standards = true
}
`,
  }),
  async evaluate({ data, account, region }) {
    const hub = await data.securityhub.hub();
    const resource = accountResource(account, region);
    return [
      hub
        ? pass(resource, `Security Hub is enabled in ${region}.`, { reasonCode: 'SECURITYHUB_ENABLED', evidence: { hubArn: hub.hubArn, subscribedAt: hub.subscribedAt } })
        : fail(resource, `Security Hub is not enabled in ${region}.`, { reasonCode: 'SECURITYHUB_NOT_ENABLED', evidence: { hubArn: null } }),
    ];
  },
});
