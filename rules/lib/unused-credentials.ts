/**
 * Unused credentials (IAM.8 with 90 days, IAM.22 with 45 days): one
 * implementation, the day count a parameter of each rule.
 *
 * A user FAILS when its console password, or any of its active access keys,
 * has not been used for `maxUnusedDays` days or more. A credential that was
 * never used is aged from when it was set, as the CIS audit does: the password
 * from `password_last_changed`, a key from `access_key_N_last_rotated`.
 */
import type { CredentialReportRow } from '../../src/data/credential-report.js';
import { fail, pass, type ReasonCodes, type RuleContext, type RuleResult, type RemediationSteps } from '../../src/engine/rule.js';
import { ACCESS_KEY_ID_INPUT, DEACTIVATE_ACCESS_KEY_IAC, accessKeyEvidence, ageInDays, userRows } from './credential-report.js';
import { iamUserResource } from './resources.js';

/** The codes of both rules (IAM.8, IAM.22). */
export const UNUSED_CREDENTIALS_REASON_CODES = {
  NO_ACTIVE_CREDENTIALS: 'The user has no console password and no active access key.',
  CREDENTIALS_USED: 'Every credential of the user was used (or set, when never used) within maxUnusedDays.',
  CREDENTIALS_UNUSED: 'A console password or active access key was not used for maxUnusedDays days or more, or has no date at all.',
} as const satisfies ReasonCodes;

interface CredentialAge {
  label: string;
  /** Days since last use (or since it was set, when never used); null when no date is known. */
  days: number | null;
  neverUsed: boolean;
}

function credentialAges(row: CredentialReportRow, now: Date): CredentialAge[] {
  const ages: CredentialAge[] = [];
  if (row.passwordEnabled === true) {
    const neverUsed = row.passwordLastUsed === null;
    const since = row.passwordLastUsed ?? row.passwordLastChanged ?? row.userCreationTime;
    ages.push({ label: 'console password', days: ageInDays(since, now), neverUsed });
  }
  row.accessKeys.forEach((key, i) => {
    if (!key.active) return;
    const neverUsed = key.lastUsedDate === null;
    const since = key.lastUsedDate ?? key.lastRotated;
    ages.push({ label: `access key ${i + 1}`, days: ageInDays(since, now), neverUsed });
  });
  return ages;
}

function describe(age: CredentialAge): string {
  if (age.days === null) return `${age.label} (no usage or creation date in the report)`;
  const days = Math.floor(age.days);
  return age.neverUsed ? `${age.label} (never used, set ${days} days ago)` : `${age.label} (last used ${days} days ago)`;
}

export async function evaluateUnusedCredentials(
  { data, now }: Pick<RuleContext, 'data' | 'now'>,
  maxUnusedDays: number,
): Promise<RuleResult[]> {
  const report = await data.iam.credentialReport();
  return userRows(report).map((row) => {
    const resource = iamUserResource(row.arn, row.user);
    const ages = credentialAges(row, now);
    const evidence = {
      password_enabled: row.passwordEnabled,
      password_last_used: row.passwordLastUsed,
      password_last_changed: row.passwordLastChanged,
      ...accessKeyEvidence(row),
      maxUnusedDays,
      reportGeneratedAt: report.generatedTime,
    };
    if (ages.length === 0) {
      return pass(resource, `User ${row.user} has no console password and no active access key.`, { reasonCode: 'NO_ACTIVE_CREDENTIALS', evidence });
    }
    // A credential with no date at all cannot be shown to be in use: it fails (fail closed).
    const stale = ages.filter((a) => a.days === null || a.days >= maxUnusedDays);
    if (stale.length > 0) {
      return fail(resource, `User ${row.user} has credentials unused for ${maxUnusedDays} days or more: ${stale.map(describe).join(', ')}.`, {
        reasonCode: 'CREDENTIALS_UNUSED',
        evidence,
      });
    }
    return pass(resource, `Every credential of user ${row.user} was used (or set) within the last ${maxUnusedDays} days.`, { reasonCode: 'CREDENTIALS_USED', evidence });
  });
}

/** The fix of both unused-credentials rules (45 and 90 days). */
export const UNUSED_CREDENTIALS_STEPS: RemediationSteps = {
  change: 'Remove what the user has not used within the period (IAM, global): the console password (delete-login-profile), and deactivate the unused access keys; delete the user if it is no longer needed.',
  cli: [
    'aws iam delete-login-profile --user-name {{resource}}',
    'aws iam list-access-keys --user-name {{resource}}',
    'aws iam update-access-key --user-name {{resource}} --access-key-id {{accessKeyId}} --status Inactive',
  ],
  ...DEACTIVATE_ACCESS_KEY_IAC,
  inputs: ACCESS_KEY_ID_INPUT,
};
