/** Remediation links shared by the rules. */

export const REPOSITORY_URL = 'https://github.com/hubcheck/hubcheck';

/** Security Hub's remediation page for a control, e.g. IAM.9. */
export function securityHubRemediation(controlId: string, text: string): { text: string; url: string } {
  return { text, url: `https://docs.aws.amazon.com/console/securityhub/${controlId}/remediation` };
}

/** For CIS requirements Security Hub has no control for: the rule's own doc. */
export function ruleDocRemediation(service: string, ruleId: string, text: string): { text: string; url: string } {
  return { text, url: `${REPOSITORY_URL}/blob/main/rules/${service}/${ruleId}.md` };
}
