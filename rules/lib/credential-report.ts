/** Helpers for the rules that judge IAM users from the credential report (IAM.3, IAM.8, IAM.22, CIS-only key rules). */
import { ROOT_USER, type CredentialReport, type CredentialReportRow } from '../../src/data/credential-report.js';
import type { Evidence, RemediationSteps } from '../../src/engine/rule.js';

const DAY_MS = 86_400_000;

/** The report's IAM user rows: the root user's row is judged by the root rules (IAM.4, IAM.6, IAM.9). */
export function userRows(report: CredentialReport): CredentialReportRow[] {
  return report.rows.filter((row) => row.user !== ROOT_USER);
}

/** Days from `date` (a credential-report timestamp) to `now`, fractional; null when the date is missing or unreadable. */
export function ageInDays(date: string | null, now: Date): number | null {
  if (date === null) return null;
  const time = Date.parse(date);
  return Number.isNaN(time) ? null : (now.getTime() - time) / DAY_MS;
}

/** The access-key columns of a row as flat evidence (`access_key_1_active`, ...). */
export function accessKeyEvidence(row: CredentialReportRow): Evidence {
  const evidence: Evidence = {};
  row.accessKeys.forEach((key, i) => {
    const n = i + 1;
    evidence[`access_key_${n}_active`] = key.active;
    evidence[`access_key_${n}_last_rotated`] = key.lastRotated;
    evidence[`access_key_${n}_last_used_date`] = key.lastUsedDate;
  });
  return evidence;
}

/** The `{{accessKeyId}}` input of every access-key fix: it points at the evidence accessKeyEvidence gives. */
export const ACCESS_KEY_ID_INPUT: RemediationSteps['inputs'] = {
  accessKeyId: { default: 'AKIAIOSFODNN7EXAMPLE', means: 'The key to act on: access_key_1 and access_key_2 of the evidence are the keys in the order aws iam list-access-keys gives them.' },
};

/** Deactivating a key declared in a template or a configuration: the infrastructure-as-code part of the fixes that retire a key. */
export const DEACTIVATE_ACCESS_KEY_IAC: Pick<RemediationSteps, 'cloudformation' | 'terraform'> = {
  cloudformation: `# For a key declared in the template.
AccessKey:
  Type: AWS::IAM::AccessKey
  Properties:
    UserName: "{{resource}}"
    Status: Inactive
`,
  terraform: `# For a key declared in the configuration.
resource "aws_iam_access_key" "this" {
  user   = "{{resource}}"
  status = "Inactive"
}
`,
};
