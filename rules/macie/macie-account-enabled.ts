import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

/** Macie.1 is in no Security Hub CIS standard (the related CIS items are Manual): it runs only when selected by id. */
export default defineRule({
  id: 'macie-account-enabled',
  title: 'Amazon Macie should be enabled',
  securityHubControlId: 'Macie.1',
  severity: 'MEDIUM',
  cis: {},
  scope: 'region',
  resourceType: 'AwsAccount',
  requiredActions: ['macie2:GetMacieSession'],
  reasonCodes: {
    MACIE_ENABLED: 'Macie is enabled in the Region.',
    MACIE_NOT_ACTIVE: 'Macie has a session in the Region, but it is paused (or in another status than ENABLED).',
    MACIE_NOT_ENABLED: 'Macie is not enabled in the Region.',
  },
  remediation: withSteps('macie-account-enabled', securityHubRemediation(
    'Macie.1',
    'Enable Amazon Macie in every Region you use (Macie console, Get started, or aws macie2 enable-macie), and resume it where it is paused.',
  ), {
    change: 'Enable Amazon Macie in the Region (or resume it where it is paused).',
    cli: ['aws macie2 enable-macie --region {{region}} --status ENABLED'],
    cloudformation: `MacieSession:
  Type: AWS::Macie::Session
  Properties:
    Status: ENABLED
`,
    terraform: `resource "aws_macie2_account" "this" {
  status = "ENABLED"
}
`,
  }),
  async evaluate({ data, account, region }) {
    const session = await data.macie2.session();
    const resource = accountResource(account, region);
    if (session === null) {
      return [fail(resource, `Amazon Macie is not enabled in ${region}.`, { reasonCode: 'MACIE_NOT_ENABLED', evidence: { status: null } })];
    }
    const evidence = { status: session.status };
    return [
      session.status === 'ENABLED'
        ? pass(resource, `Amazon Macie is enabled in ${region}.`, { reasonCode: 'MACIE_ENABLED', evidence })
        : fail(resource, `Amazon Macie is ${session.status === 'PAUSED' ? 'paused' : `in status ${session.status ?? 'unknown'}`} in ${region}.`, {
            reasonCode: 'MACIE_NOT_ACTIVE',
            evidence,
          }),
    ];
  },
});
