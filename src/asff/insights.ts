/**
 * Insights over local findings: filter (filters.ts), then group by one
 * attribute and count, as Security Hub's GetInsightResults does; and Security
 * Hub's managed insights (spec section 4.4, the 2023 list) as named presets.
 *
 * Counting: each matching finding counts once for every distinct value it has
 * for the attribute. A resource-level attribute (ResourceId, ResourceType,
 * resource details) takes the value of every resource of a matching finding,
 * not only of the resources the filter was about (spec 4.4). Findings without
 * the attribute are counted apart (`missing`).
 */
import type { AwsSecurityFinding, AwsSecurityFindingFilters } from '@aws-sdk/client-securityhub';
import { FILTER_FIELDS, FilterError, compileFilters, type CompileOptions } from './filters.js';

/** GroupByAttribute values seen in AWS documentation and samples (spec 4.2): the only ones sent to CreateInsight. */
export const SERVICE_GROUP_BY = [
  'AwsAccountId',
  'ComplianceStatus',
  'ProductArn',
  'ProductName',
  'ResourceAwsEc2InstanceImageId',
  'ResourceAwsIamAccessKeyPrincipalName',
  'ResourceAwsIamAccessKeyUserName',
  'ResourceAwsIamUserUserName',
  'ResourceId',
  'ResourceType',
  'SeverityLabel',
] as const;

/** Evaluated locally too (any string filter key makes sense as a group); not sent to CreateInsight. */
export const LOCAL_GROUP_BY = [
  'ComplianceSecurityControlId',
  'GeneratorId',
  'RecordState',
  'Region',
  'ResourceRegion',
  'ThreatIntelIndicatorValue',
  'Title',
  'Type',
  'WorkflowStatus',
] as const;

export const GROUP_BY_ATTRIBUTES: readonly string[] = [...SERVICE_GROUP_BY, ...LOCAL_GROUP_BY];

export interface InsightResult {
  groupByAttribute: string;
  total: number;
  matched: number;
  /** Sorted by count (descending), then value. */
  results: { GroupByAttributeValue: string; Count: number }[];
  /** Matching findings without the attribute. */
  missing: number;
  warnings: string[];
}

export function checkGroupBy(attribute: string, forService = false): void {
  const allowed: readonly string[] = forService ? SERVICE_GROUP_BY : GROUP_BY_ATTRIBUTES;
  if (!allowed.includes(attribute)) {
    throw new FilterError(
      forService && GROUP_BY_ATTRIBUTES.includes(attribute)
        ? `group-by ${attribute} works locally, but is not known to be accepted by CreateInsight; use one of ${SERVICE_GROUP_BY.join(', ')}`
        : `unknown group-by attribute ${attribute}; use one of ${allowed.join(', ')}`,
    );
  }
}

export function runInsight(
  findings: readonly AwsSecurityFinding[],
  insight: { filters: unknown; groupBy: string },
  options: CompileOptions = {},
): InsightResult {
  checkGroupBy(insight.groupBy);
  const { test, warnings } = compileFilters(insight.filters, options);
  const get = FILTER_FIELDS[insight.groupBy]!.get;
  const counts = new Map<string, number>();
  let matched = 0;
  let missing = 0;
  for (const finding of findings) {
    if (!test(finding)) continue;
    matched++;
    const values = new Set(get(finding).filter((v) => typeof v === 'string' && v !== '') as string[]);
    if (values.size === 0) missing++;
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const results = [...counts]
    .map(([GroupByAttributeValue, Count]) => ({ GroupByAttributeValue, Count }))
    .sort((a, b) => b.Count - a.Count || a.GroupByAttributeValue.localeCompare(b.GroupByAttributeValue));
  return { groupByAttribute: insight.groupBy, total: findings.length, matched, results, missing, warnings };
}

// ----- managed insights ----------------------------------------------------------

export interface InsightPreset {
  /** hubcheck's name for it (`--insight <id>`). */
  id: string;
  /** Position in the managed-insights list (1-32). */
  number: number;
  name: string;
  arn: string;
  groupBy: string;
  filters: AwsSecurityFindingFilters;
}

type StringCondition = { Comparison: 'EQUALS' | 'PREFIX'; Value: string };
const eq = (...values: string[]): StringCondition[] => values.map((Value) => ({ Comparison: 'EQUALS', Value }));
const prefix = (...values: string[]): StringCondition[] => values.map((Value) => ({ Comparison: 'PREFIX', Value }));
/** Every managed insight but one also filters RecordState ACTIVE and WorkflowStatus NEW or NOTIFIED. */
const OPEN: AwsSecurityFindingFilters = { RecordState: eq('ACTIVE'), WorkflowStatus: eq('NEW', 'NOTIFIED') };
const withinDays = (days: number) => [{ DateRange: { Value: days, Unit: 'DAYS' as const } }];
const BEST_PRACTICES = 'Software and Configuration Checks/Industry and Regulatory Standards/AWS Security Best Practices';
const REACHABILITY = 'Software and Configuration Checks/AWS Security Best Practices/Network Reachability';

const PRESETS: [id: string, n: number, name: string, groupBy: string, extra: AwsSecurityFindingFilters, open?: false][] = [
  ['resources-most-findings', 1, 'AWS resources with the most findings', 'ResourceId', {}],
  ['s3-public-read-write', 10, 'S3 buckets with public write or read permissions', 'ResourceId', { Type: prefix('Effects/Data Exposure'), ResourceType: eq('AwsS3Bucket') }],
  ['amis-most-findings', 3, 'AMIs that are generating the most findings', 'ResourceAwsEc2InstanceImageId', { ResourceType: eq('AwsEc2Instance') }],
  ['ec2-known-ttps', 14, 'EC2 instances involved in known Tactics, Techniques, and Procedures (TTPs)', 'ResourceId', { Type: prefix('TTPs'), ResourceType: eq('AwsEc2Instance') }],
  ['principals-suspicious-access-keys', 9, 'AWS principals with suspicious access key activity', 'ResourceAwsIamAccessKeyPrincipalName', { ResourceType: eq('AwsIamAccessKey') }],
  ['resources-not-meeting-standards', 6, "AWS resources instances that don't meet security standards / best practices", 'ResourceId', { Type: eq(BEST_PRACTICES) }],
  ['data-exfiltration', 7, 'AWS resources associated with potential data exfiltration', 'ResourceId', { Type: prefix('Effects/Data Exfiltration/') }],
  ['unauthorized-resource-consumption', 8, 'AWS resources associated with unauthorized resource consumption', 'ResourceId', { Type: prefix('Effects/Resource Consumption') }],
  ['s3-not-meeting-standards', 11, "S3 buckets that don't meet security standards / best practice", 'ResourceId', { ResourceType: eq('AwsS3Bucket'), Type: eq(BEST_PRACTICES) }],
  ['s3-sensitive-data', 12, 'S3 buckets with sensitive data', 'ResourceId', { ResourceType: eq('AwsS3Bucket'), Type: prefix('Sensitive Data Identifications/') }],
  ['leaked-credentials', 13, 'Credentials that may have leaked', 'ResourceId', { Type: prefix('Sensitive Data Identifications/Passwords/') }],
  ['ec2-missing-patches', 16, 'EC2 instances that have missing security patches for important vulnerabilities', 'ResourceId', { Type: prefix('Software and Configuration Checks/Vulnerabilities/CVE'), ResourceType: eq('AwsEc2Instance') }],
  ['ec2-unusual-behavior', 17, 'EC2 instances with general unusual behavior', 'ResourceId', { Type: prefix('Unusual Behaviors'), ResourceType: eq('AwsEc2Instance') }],
  ['ec2-ports-reachable', 18, 'EC2 instances that have ports accessible from the Internet', 'ResourceId', { Type: prefix(REACHABILITY), ResourceType: eq('AwsEc2Instance') }],
  ['ec2-not-meeting-standards', 19, "EC2 instances that don't meet security standards / best practices", 'ResourceId', { Type: prefix('Software and Configuration Checks/Industry and Regulatory Standards/', 'Software and Configuration Checks/AWS Security Best Practices'), ResourceType: eq('AwsEc2Instance') }],
  ['ec2-open-to-internet', 21, 'EC2 instances that are open to the Internet', 'ResourceId', { Type: prefix(REACHABILITY), ResourceType: eq('AwsEc2Instance') }],
  ['ec2-reconnaissance', 22, 'EC2 instances associated with adversary reconnaissance', 'ResourceId', { Type: prefix('TTPs/Discovery/Recon'), ResourceType: eq('AwsEc2Instance') }],
  ['malware', 23, 'AWS resources that are associated with malware', 'ResourceId', { Type: prefix('Effects/Data Exfiltration/Trojan', 'TTPs/Initial Access/Trojan', 'TTPs/Command and Control/Backdoor', 'TTPs/Command and Control/Trojan', 'Software and Configuration Checks/Backdoor', 'Unusual Behaviors/VM/Backdoor') }],
  ['cryptocurrency', 24, 'AWS resources associated with cryptocurrency issues', 'ResourceId', { Type: prefix('Effects/Resource Consumption/Cryptocurrency', 'TTPs/Command and Control/CryptoCurrency') }],
  ['unauthorized-access', 25, 'AWS resources with unauthorized access attempts', 'ResourceId', { Type: prefix('TTPs/Command and Control/UnauthorizedAccess', 'TTPs/Initial Access/UnauthorizedAccess', 'Effects/Data Exfiltration/UnauthorizedAccess', 'Unusual Behaviors/User/UnauthorizedAccess', 'Effects/Resource Consumption/UnauthorizedAccess') }],
  // The grouping of #21 is not stated in the guide: the indicator value is hubcheck's reading of its name.
  ['threat-intel-top-hits', 26, 'Threat Intel indicators with the most hits in the last week', 'ThreatIntelIndicatorValue', { CreatedAt: withinDays(7) }, false],
  ['top-accounts', 27, 'Top accounts by counts of findings', 'AwsAccountId', {}],
  ['top-products', 28, 'Top products by counts of findings', 'ProductName', {}],
  ['severity', 29, 'Severity by counts of findings', 'SeverityLabel', {}],
  ['top-s3-buckets', 30, 'Top S3 buckets by counts of findings', 'ResourceId', { ResourceType: eq('AwsS3Bucket') }],
  ['top-ec2-instances', 31, 'Top EC2 instances by counts of findings', 'ResourceId', { ResourceType: eq('AwsEc2Instance') }],
  ['top-amis', 32, 'Top AMIs by counts of findings', 'ResourceAwsEc2InstanceImageId', { ResourceType: eq('AwsEc2Instance') }],
  // The guide says "IAM access key ID"; the insight is about users, so hubcheck groups by the key's user name.
  ['top-iam-users', 33, 'Top IAM users by counts of findings', 'ResourceAwsIamAccessKeyUserName', { ResourceType: eq('AwsIamAccessKey') }],
  ['top-failed-cis-resources', 34, 'Top resources by counts of failed CIS checks', 'ResourceId', { GeneratorId: prefix('arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule'), UpdatedAt: withinDays(1), ComplianceStatus: eq('FAILED') }],
  ['top-integrations', 35, 'Top integrations by counts of findings', 'ProductArn', {}],
  ['most-failed-checks', 36, 'Resources with the most failed security checks', 'ResourceId', { UpdatedAt: withinDays(1), ComplianceStatus: eq('FAILED') }],
  ['iam-users-suspicious-activity', 37, 'IAM users with suspicious activity', 'ResourceAwsIamUserUserName', { ResourceType: eq('AwsIamUser') }],
];

export const MANAGED_INSIGHTS: readonly InsightPreset[] = PRESETS.map(([id, n, name, groupBy, extra, open], i) => ({
  id,
  number: i + 1,
  name,
  arn: `arn:aws:securityhub:::insight/securityhub/default/${n}`,
  groupBy,
  filters: open === false ? extra : { ...OPEN, ...extra },
}));

/** A managed insight by hubcheck id, list number, ARN, or name (case-insensitive). */
export function findManagedInsight(name: string): InsightPreset | undefined {
  const wanted = name.trim().toLowerCase();
  return MANAGED_INSIGHTS.find(
    (p) => p.id === wanted || String(p.number) === wanted || p.arn.toLowerCase() === wanted || p.name.toLowerCase() === wanted,
  );
}
