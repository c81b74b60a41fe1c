/**
 * Root-user facts shared by the root rules (IAM.4, IAM.6, IAM.9).
 *
 * Centralized root access (AWS Organizations) removes an account's root
 * password and keys; Security Hub then passes the root MFA controls. We treat
 * root credentials as absent only when GetAccountSummary reports neither a
 * password (`AccountPasswordPresent`) nor access keys
 * (`AccountAccessKeysPresent`). A summary that lacks either key is read as
 * "credentials present", so a missing field never makes a rule pass.
 */
export function rootCredentialsAbsent(summary: Record<string, number>): boolean {
  return summary.AccountPasswordPresent === 0 && summary.AccountAccessKeysPresent === 0;
}
