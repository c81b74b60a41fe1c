/** Small hubcheck-shaped ASFF findings for report, history and suppression tests. */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { findingId } from '../../src/asff/to-asff.js';

export interface FindingSpec {
  rule?: string;
  control?: string;
  status?: 'PASSED' | 'FAILED' | 'WARNING' | 'NOT_AVAILABLE';
  severity?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  account?: string;
  region?: string;
  resource?: string;
  name?: string;
  scope?: 'account' | 'region';
  reason?: string;
  tags?: Record<string, string>;
  evidence?: Record<string, string>;
  requirements?: string[];
  at?: string;
}

export function finding(spec: FindingSpec = {}): AwsSecurityFinding {
  const rule = spec.rule ?? 'ec2-default-sg-closed';
  const account = spec.account ?? '123456789012';
  const region = spec.region ?? 'us-east-1';
  const resource = spec.resource ?? `arn:aws:ec2:${region}:${account}:security-group/sg-1`;
  const status = spec.status ?? 'FAILED';
  const severity = spec.severity ?? 'HIGH';
  const at = spec.at ?? '2026-11-01T00:00:00.000Z';
  return {
    SchemaVersion: '2018-10-08',
    Id: findingId(rule, account, region, resource),
    ProductArn: `arn:aws:securityhub:${region}:${account}:product/${account}/default`,
    GeneratorId: `hubcheck/${rule}`,
    AwsAccountId: account,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark'],
    CreatedAt: at,
    UpdatedAt: at,
    FirstObservedAt: at,
    LastObservedAt: at,
    Severity: { Label: status === 'FAILED' ? severity : 'INFORMATIONAL', Original: severity },
    Title: `${spec.control ?? 'EC2.2'} title`,
    Description: spec.reason ?? `${status} because of reasons`,
    Remediation: { Recommendation: { Text: 'Fix it.', Url: `https://docs.aws.amazon.com/console/securityhub/${spec.control ?? 'EC2.2'}/remediation` } },
    ProductFields: {
      'hubcheck/RuleId': rule,
      'hubcheck/Scope': spec.scope ?? 'region',
      ...(spec.name ? { 'hubcheck/ResourceName': spec.name } : {}),
      ...Object.fromEntries(Object.entries(spec.evidence ?? {}).map(([k, v]) => [`hubcheck/evidence/${k}`, v])),
    },
    Resources: [{ Type: 'AwsEc2SecurityGroup', Id: resource, Partition: 'aws', Region: region, ...(spec.tags ? { Tags: spec.tags } : {}) }],
    Compliance: {
      Status: status,
      SecurityControlId: spec.control ?? 'EC2.2',
      RelatedRequirements: spec.requirements ?? ['CIS AWS Foundations Benchmark v5.0.0/5.5'],
    },
    RecordState: 'ACTIVE',
  };
}
