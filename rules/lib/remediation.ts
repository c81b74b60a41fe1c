/** Remediation links shared by the rules. */
import type { Remediation, RemediationSteps } from '../../src/engine/rule.js';

export const REPOSITORY_URL = 'https://github.com/hubcheck/hubcheck';

/** Security Hub's remediation page for a control, e.g. IAM.9. */
export function securityHubRemediation(controlId: string, text: string): { text: string; url: string } {
  return { text, url: `https://docs.aws.amazon.com/console/securityhub/${controlId}/remediation` };
}

/** For CIS requirements Security Hub has no control for: the rule's own doc. */
export function ruleDocRemediation(service: string, ruleId: string, text: string): { text: string; url: string } {
  return { text, url: `${REPOSITORY_URL}/blob/main/rules/${service}/${ruleId}.md` };
}

/** A built-in rule's doc on the repository: rules/<service>/<id>.md, the service being the id's first word. */
export function ruleDocUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/rules/${ruleId.split('-')[0]}/${ruleId}.md`;
}

/** A remediation with its structured steps; the finding links to the rule's doc, where the steps are shown. */
export function withSteps(ruleId: string, base: { text: string; url: string }, steps: RemediationSteps): Remediation {
  return { ...base, doc: ruleDocUrl(ruleId), steps };
}
