/** Facts about IAM identities drawn from the account's authorization details. */
import type { AuthorizationDetails, IamRoleDetail } from '../../src/data/iam.js';

/** Group name -> number of users in it, from the users' group lists. */
export function groupMemberCounts(details: AuthorizationDetails): Map<string, number> {
  const counts = new Map<string, number>();
  for (const user of details.users) for (const group of user.groups) counts.set(group, (counts.get(group) ?? 0) + 1);
  return counts;
}

/** A role has a trusted entity when its trust policy allows at least one principal to assume it. */
export function hasTrustedEntity(role: IamRoleDetail): boolean {
  return (role.trustPolicy?.Statement ?? []).some(
    (s) => s.Effect === 'Allow' && s.Principal !== undefined && (s.Principal === '*' || Object.values(s.Principal).some((ids) => ids.length > 0)),
  );
}

/** The ARN of an AWS managed policy in the scan's partition. */
export function awsManagedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}
