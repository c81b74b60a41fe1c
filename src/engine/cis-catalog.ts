/**
 * The CIS recommendations no rule evaluates automatically in a version: the
 * Manual (and v1.2.0 Not Scored) items, from ../shared/spec/cis-controls.md
 * section 9. With the rules' own mappings (`cis` and `cisExtra`) they make up
 * every recommendation of each benchmark version, which `hubcheck rules` lists.
 *
 * `rule` names a rule that checks something related: it does not run for the
 * version by default (CIS calls the item manual), but can be run with --rules.
 */
import type { BenchmarkVersion } from './benchmarks.js';
import { CIS_V6, CIS_V7, type LaterRecommendation } from './cis-v6-v7.js';

export interface ManualRequirement {
  version: BenchmarkVersion;
  id: string;
  title: string;
  status: 'M' | 'NS';
  rule?: string;
}

/** Recommendations per version, from the benchmark documents (spec section 2). */
export const RECOMMENDATION_COUNTS: Record<BenchmarkVersion, number> = {
  '1.2.0': 49,
  '1.4.0': 58,
  '3.0.0': 62,
  '5.0.0': 63,
  '6.0.0': CIS_V6.length,
  '7.0.0': CIS_V7.length,
};

const CONTACT = 'Maintain current contact details';
const SECURITY_CONTACT = 'Ensure security contact information is registered';
const QUESTIONS = 'Ensure security questions are registered in the AWS account';
const INSTANCE_ROLES = 'Ensure IAM instance roles are used for AWS resource access from instances';
const INITIAL_KEYS = 'Do not set up access keys during initial user setup for IAM users with a console password';
const PEERING = 'Ensure routing tables for VPC peering are "least access"';
const FEDERATION = 'Ensure IAM users are managed centrally via identity federation or AWS Organizations';
const S3_DATA = 'Ensure all data in Amazon S3 has been discovered, classified and secured when required';

/** CIS 4.x monitoring items, Manual from v3.0.0 on: number -> [title, rule]. */
const MONITORING: [string, string, string][] = [
  ['4.1', 'Ensure unauthorized API calls are monitored', 'cloudwatch-unauthorized-api-calls-alarm'],
  ['4.2', 'Ensure management console sign-in without MFA is monitored', 'cloudwatch-console-login-no-mfa-alarm'],
  ['4.3', 'Ensure usage of the root user is monitored', 'cloudwatch-root-usage-alarm'],
  ['4.4', 'Ensure IAM policy changes are monitored', 'cloudwatch-iam-policy-changes-alarm'],
  ['4.5', 'Ensure CloudTrail configuration changes are monitored', 'cloudwatch-cloudtrail-changes-alarm'],
  ['4.6', 'Ensure AWS Management Console authentication failures are monitored', 'cloudwatch-console-auth-failures-alarm'],
  ['4.7', 'Ensure disabling or scheduled deletion of customer-created KMS keys is monitored', 'cloudwatch-kms-key-disable-delete-alarm'],
  ['4.8', 'Ensure S3 bucket policy changes are monitored', 'cloudwatch-s3-bucket-policy-changes-alarm'],
  ['4.9', 'Ensure AWS Config configuration changes are monitored', 'cloudwatch-config-changes-alarm'],
  ['4.10', 'Ensure security group changes are monitored', 'cloudwatch-security-group-changes-alarm'],
  ['4.11', 'Ensure network ACL changes are monitored', 'cloudwatch-nacl-changes-alarm'],
  ['4.12', 'Ensure changes to network gateways are monitored', 'cloudwatch-network-gateway-changes-alarm'],
  ['4.13', 'Ensure route table changes are monitored', 'cloudwatch-route-table-changes-alarm'],
  ['4.14', 'Ensure VPC changes are monitored', 'cloudwatch-vpc-changes-alarm'],
  ['4.15', 'Ensure AWS Organizations changes are monitored', 'cloudwatch-organizations-changes-alarm'],
];

/** The rule related to each v5.0.0 manual item, by requirement number. */
const V5_RELATED_RULES = new Map<string, string>();

const manual = (version: BenchmarkVersion, status: 'M' | 'NS', id: string, title: string, rule?: string): ManualRequirement => ({
  version,
  id,
  title,
  status,
  ...(rule ? { rule } : {}),
});

const V5_MANUAL: readonly ManualRequirement[] = [
  manual('1.2.0', 'NS', '1.15', QUESTIONS),
  manual('1.2.0', 'NS', '1.17', CONTACT),
  manual('1.2.0', 'NS', '1.18', SECURITY_CONTACT, 'account-security-contact-registered'),
  manual('1.2.0', 'NS', '1.19', INSTANCE_ROLES, 'ec2-instance-iam-role-attached'),
  manual('1.2.0', 'NS', '1.21', INITIAL_KEYS, 'iam-user-no-initial-access-key'),
  manual('1.2.0', 'NS', '4.4', PEERING),

  manual('1.4.0', 'M', '1.1', CONTACT),
  manual('1.4.0', 'M', '1.2', SECURITY_CONTACT, 'account-security-contact-registered'),
  manual('1.4.0', 'M', '1.3', QUESTIONS),
  manual('1.4.0', 'M', '1.18', INSTANCE_ROLES, 'ec2-instance-iam-role-attached'),
  manual('1.4.0', 'M', '1.21', FEDERATION),
  manual('1.4.0', 'M', '2.1.4', S3_DATA, 'macie-account-enabled'),
  manual('1.4.0', 'M', '5.4', PEERING),

  manual('3.0.0', 'M', '1.1', CONTACT),
  manual('3.0.0', 'M', '1.3', QUESTIONS),
  manual('3.0.0', 'M', '1.21', FEDERATION),
  manual('3.0.0', 'M', '2.1.3', S3_DATA, 'macie-account-enabled'),
  ...MONITORING.map(([id, title, rule]) => manual('3.0.0', 'M', id, title, rule)),
  manual('3.0.0', 'M', '5.5', PEERING),

  manual('5.0.0', 'M', '1.1', CONTACT),
  manual('5.0.0', 'M', '1.6', 'Eliminate use of the root user for administrative and daily tasks'),
  manual('5.0.0', 'M', '1.10', INITIAL_KEYS, 'iam-user-no-initial-access-key'),
  manual('5.0.0', 'M', '1.20', FEDERATION),
  manual('5.0.0', 'M', '2.1.3', S3_DATA, 'macie-account-enabled'),
  // 4.1 is covered automatically (cloudwatch-unauthorized-api-calls-alarm, cisExtra): only 4.2-4.15 are manual.
  ...MONITORING.slice(1).map(([id, title, rule]) => manual('5.0.0', 'M', id, title, rule)),
  manual('5.0.0', 'M', '5.6', PEERING),
];
for (const item of V5_MANUAL) if (item.version === '5.0.0' && item.rule) V5_RELATED_RULES.set(item.id, item.rule);

export const MANUAL_REQUIREMENTS: readonly ManualRequirement[] = [
  ...V5_MANUAL,
  ...laterManual('6.0.0', CIS_V6),
  ...laterManual('7.0.0', CIS_V7),
];

/**
 * v6.0.0 and v7.0.0: every recommendation is listed here as manual, with the rule
 * related to its v5.0.0 counterpart; one a rule runs for is shown as automated
 * instead (requirements.ts: the rule wins). So an Automated recommendation no
 * rule runs for still appears, as manual.
 */
function laterManual(version: BenchmarkVersion, table: readonly LaterRecommendation[]): ManualRequirement[] {
  return table.map((r) => {
    const related = r.v5 === null ? undefined : V5_RELATED_RULES.get(r.v5);
    return manual(version, 'M', r.id, r.title, related);
  });
}

/** Orders requirement numbers the way the benchmark does: 1.2 < 1.10 < 2.1.1. */
export function compareRequirements(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
