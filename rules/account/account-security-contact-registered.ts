import { accountResource, defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation } from '../lib/remediation.js';

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
  remediation: securityHubRemediation(
    'Account.1',
    'Register a security alternate contact (Account settings, Alternate contacts, or aws account put-alternate-contact --alternate-contact-type SECURITY ...).',
  ),
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
