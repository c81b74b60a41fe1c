import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'account-security-contact-registered',
  title: 'Security contact information should be provided for an AWS account',
  securityHubControlId: 'Account.1',
  severity: 'MEDIUM',
  cis: { '3.0.0': '1.2', '5.0.0': '1.2', '6.0.0': '2.2', '7.0.0': '2.3' },
  scope: 'account',
  resourceType: 'AwsAccount',
  requiredActions: ['account:GetAlternateContact'],
  reasonCodes: {
    SECURITY_CONTACT_REGISTERED: 'The account has a security alternate contact.',
    NO_SECURITY_CONTACT: 'The account has no security alternate contact.',
  },
  remediation: withSteps('account-security-contact-registered', securityHubRemediation(
    'Account.1',
    'Register a security alternate contact (Account settings, Alternate contacts, or aws account put-alternate-contact --alternate-contact-type SECURITY ...).',
  ), {
    change: 'Register a security alternate contact for the account (Account Management, global, once per account): a team address rather than a person.',
    cli: ['aws account put-alternate-contact --alternate-contact-type SECURITY --name {{contactName}} --title {{contactTitle}} --email-address {{email}} --phone-number {{phone}}'],
    terraform: `resource "aws_account_alternate_contact" "security" {
  alternate_contact_type = "SECURITY"
  name                   = "{{contactName}}"
  title                  = "{{contactTitle}}"
  email_address          = "{{email}}"
  phone_number           = "{{phone}}"
}
`,
    cannot: 'CloudFormation has no resource type for account alternate contacts.',
    inputs: {
      contactName: { default: 'Security team', means: 'Who AWS contacts about security matters.' },
      contactTitle: { default: 'Security', means: 'Their title.' },
      email: { default: 'security@example.com', means: 'A monitored address.' },
      phone: { default: '+1-555-0100', means: 'A phone number.' },
    },
  }),
  async evaluate({ data, account }) {
    const contact = await data.account.alternateContact('SECURITY');
    const resource = accountResource(account);
    if (!contact) {
      return [
        fail(resource, 'The account has no security alternate contact.', {
          reasonCode: 'NO_SECURITY_CONTACT',
          evidence: { alternateContactType: 'SECURITY', registered: false },
        }),
      ];
    }
    return [
      pass(resource, 'The account has a security alternate contact.', {
        reasonCode: 'SECURITY_CONTACT_REGISTERED',
        evidence: { alternateContactType: 'SECURITY', registered: true },
      }),
    ];
  },
});
