/** Remediation links shared by the rules. */

/** Security Hub's remediation page for a control, e.g. IAM.9. */
export function securityHubRemediation(controlId: string, text: string): { text: string; url: string } {
  return { text, url: `https://docs.aws.amazon.com/console/securityhub/${controlId}/remediation` };
}
