/**
 * Golden lists, pinned from ../shared/spec/cis-controls.md: the exact rules each
 * `--benchmark` runs, and the Security Hub controls each version covers. A rule
 * that changes its mapping must change these lists too, on purpose.
 */
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../../rules/index.js';
import { BENCHMARK_VERSIONS, SECURITY_HUB_VERSIONS, type BenchmarkVersion, type SecurityHubVersion } from '../../src/engine/benchmarks.js';
import { CIS_V6, CIS_V7 } from '../../src/engine/cis-v6-v7.js';
import { RECOMMENDATION_COUNTS } from '../../src/engine/cis-catalog.js';
import { Registry, requirementsFor, runsFor } from '../../src/engine/registry.js';
import { requirementsOf } from '../../src/engine/requirements.js';

const CLOUDWATCH = [
  'cloudwatch-cloudtrail-changes-alarm', 'cloudwatch-config-changes-alarm', 'cloudwatch-console-auth-failures-alarm',
  'cloudwatch-console-login-no-mfa-alarm', 'cloudwatch-iam-policy-changes-alarm', 'cloudwatch-kms-key-disable-delete-alarm',
  'cloudwatch-nacl-changes-alarm', 'cloudwatch-network-gateway-changes-alarm', 'cloudwatch-root-usage-alarm',
  'cloudwatch-route-table-changes-alarm', 'cloudwatch-s3-bucket-policy-changes-alarm', 'cloudwatch-security-group-changes-alarm',
  'cloudwatch-unauthorized-api-calls-alarm', 'cloudwatch-vpc-changes-alarm',
];

const GOLDEN_RULES: Record<SecurityHubVersion, string[]> = {
  '1.2.0': [
    'cloudtrail-bucket-access-logging-enabled', 'cloudtrail-bucket-not-public', 'cloudtrail-multi-region-enabled',
    'cloudtrail-trail-cloudwatch-logs-enabled', 'cloudtrail-trail-kms-encrypted', 'cloudtrail-trail-log-validation-enabled',
    ...CLOUDWATCH, 'config-recorder-enabled', 'ec2-default-sg-closed', 'ec2-sg-rdp-restricted', 'ec2-sg-ssh-restricted',
    'ec2-vpc-flow-logs-enabled', 'iam-access-key-rotated', 'iam-password-policy-lowercase', 'iam-password-policy-max-age',
    'iam-password-policy-min-length', 'iam-password-policy-number', 'iam-password-policy-reuse-prevention',
    'iam-password-policy-symbol', 'iam-password-policy-uppercase', 'iam-policy-no-full-admin', 'iam-root-access-key-absent',
    'iam-root-hardware-mfa-enabled', 'iam-root-mfa-enabled', 'iam-support-role-exists', 'iam-user-console-mfa-enabled',
    'iam-user-no-direct-policies', 'iam-user-unused-credentials-90d', 'kms-key-rotation-enabled',
  ],
  '1.4.0': [
    'cloudtrail-bucket-access-logging-enabled', 'cloudtrail-bucket-not-public', 'cloudtrail-multi-region-enabled',
    'cloudtrail-trail-cloudwatch-logs-enabled', 'cloudtrail-trail-kms-encrypted', 'cloudtrail-trail-log-validation-enabled',
    ...CLOUDWATCH, 'cloudwatch-organizations-changes-alarm', 'config-recorder-enabled', 'ec2-default-sg-closed',
    'ec2-ebs-default-encryption-enabled', 'ec2-nacl-admin-ports-restricted', 'ec2-sg-admin-ports-ipv4-restricted',
    'ec2-vpc-flow-logs-enabled', 'iam-access-key-rotated', 'iam-external-access-analyzer-enabled', 'iam-password-policy-min-length',
    'iam-password-policy-reuse-prevention', 'iam-policy-no-full-admin', 'iam-root-access-key-absent', 'iam-root-hardware-mfa-enabled',
    'iam-root-mfa-enabled', 'iam-server-certificate-not-expired', 'iam-support-role-exists', 'iam-user-console-mfa-enabled',
    'iam-user-no-direct-policies', 'iam-user-no-initial-access-key', 'iam-user-single-active-access-key',
    'iam-user-unused-credentials-45d', 'kms-key-rotation-enabled', 'rds-instance-storage-encrypted',
    's3-account-public-access-block-enabled', 's3-bucket-default-encryption-enabled', 's3-bucket-mfa-delete-enabled',
    's3-bucket-public-access-block-enabled', 's3-bucket-ssl-requests-only', 's3-object-read-events-logged', 's3-object-write-events-logged',
  ],
  '3.0.0': [
    'account-security-contact-registered', 'cloudtrail-bucket-access-logging-enabled', 'cloudtrail-multi-region-enabled',
    'cloudtrail-trail-kms-encrypted', 'cloudtrail-trail-log-validation-enabled', 'cloudwatch-root-usage-alarm', 'config-recorder-enabled',
    'ec2-default-sg-closed', 'ec2-ebs-default-encryption-enabled', 'ec2-instance-iam-role-attached', 'ec2-instance-imdsv2-required',
    'ec2-nacl-admin-ports-restricted', 'ec2-sg-admin-ports-ipv4-restricted', 'ec2-sg-admin-ports-ipv6-restricted',
    'ec2-vpc-flow-logs-enabled', 'efs-filesystem-kms-encrypted', 'iam-access-key-rotated', 'iam-cloudshell-full-access-not-attached',
    'iam-external-access-analyzer-enabled', 'iam-password-policy-min-length', 'iam-password-policy-reuse-prevention',
    'iam-policy-no-full-admin', 'iam-root-access-key-absent', 'iam-root-hardware-mfa-enabled', 'iam-root-mfa-enabled',
    'iam-server-certificate-not-expired', 'iam-support-role-exists', 'iam-user-console-mfa-enabled', 'iam-user-no-direct-policies',
    'iam-user-no-initial-access-key', 'iam-user-single-active-access-key', 'iam-user-unused-credentials-45d', 'kms-key-rotation-enabled',
    'rds-instance-auto-minor-version-upgrade', 'rds-instance-not-public', 'rds-instance-storage-encrypted',
    's3-account-public-access-block-enabled', 's3-bucket-mfa-delete-enabled', 's3-bucket-public-access-block-enabled',
    's3-bucket-ssl-requests-only', 's3-object-read-events-logged', 's3-object-write-events-logged', 'securityhub-account-enabled',
  ],
  '5.0.0': [
    'account-security-contact-registered', 'cloudtrail-bucket-access-logging-enabled', 'cloudtrail-multi-region-enabled',
    'cloudtrail-trail-kms-encrypted', 'cloudtrail-trail-log-validation-enabled', 'cloudwatch-unauthorized-api-calls-alarm',
    'config-recorder-enabled', 'ec2-default-sg-closed', 'ec2-ebs-default-encryption-enabled', 'ec2-instance-iam-role-attached',
    'ec2-instance-imdsv2-required', 'ec2-nacl-admin-ports-restricted', 'ec2-sg-admin-ports-ipv4-restricted',
    'ec2-sg-admin-ports-ipv6-restricted', 'ec2-sg-cifs-restricted', 'ec2-vpc-flow-logs-enabled', 'efs-filesystem-encrypted-at-rest',
    'efs-filesystem-kms-encrypted', 'iam-access-key-rotated', 'iam-cloudshell-full-access-not-attached',
    'iam-external-access-analyzer-enabled', 'iam-password-policy-min-length', 'iam-password-policy-reuse-prevention',
    'iam-policy-no-full-admin', 'iam-root-access-key-absent', 'iam-root-hardware-mfa-enabled', 'iam-root-mfa-enabled',
    'iam-server-certificate-not-expired', 'iam-support-role-exists', 'iam-user-console-mfa-enabled', 'iam-user-no-direct-policies',
    'iam-user-single-active-access-key', 'iam-user-unused-credentials-45d', 'kms-key-rotation-enabled', 'rds-cluster-multi-az',
    'rds-instance-auto-minor-version-upgrade', 'rds-instance-multi-az', 'rds-instance-not-public', 'rds-instance-storage-encrypted',
    's3-account-public-access-block-enabled', 's3-bucket-mfa-delete-enabled', 's3-bucket-public-access-block-enabled',
    's3-bucket-ssl-requests-only', 's3-object-read-events-logged', 's3-object-write-events-logged', 'securityhub-account-enabled',
  ],
};

const cw = (...n: number[]) => n.map((i) => `CloudWatch.${i}`);
/** Security Hub's control list per version (spec section 2). */
const SECURITY_HUB_CONTROLS: Record<SecurityHubVersion, string[]> = {
  '1.2.0': [
    'CloudTrail.1', 'CloudTrail.2', 'CloudTrail.4', 'CloudTrail.5', 'CloudTrail.6', 'CloudTrail.7', ...cw(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14),
    'Config.1', 'EC2.2', 'EC2.6', 'EC2.13', 'EC2.14', 'IAM.1', 'IAM.2', 'IAM.3', 'IAM.4', 'IAM.5', 'IAM.6', 'IAM.8', 'IAM.9', 'IAM.11',
    'IAM.12', 'IAM.13', 'IAM.14', 'IAM.15', 'IAM.16', 'IAM.17', 'IAM.18', 'KMS.4',
  ],
  '1.4.0': [
    'CloudTrail.1', 'CloudTrail.2', 'CloudTrail.4', 'CloudTrail.5', 'CloudTrail.6', 'CloudTrail.7', ...cw(1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14),
    'Config.1', 'EC2.2', 'EC2.6', 'EC2.7', 'EC2.21', 'IAM.1', 'IAM.3', 'IAM.4', 'IAM.5', 'IAM.6', 'IAM.9', 'IAM.15', 'IAM.16', 'IAM.18',
    'IAM.22', 'KMS.4', 'RDS.3', 'S3.1', 'S3.5', 'S3.8', 'S3.20',
  ],
  '3.0.0': [
    'Account.1', 'CloudTrail.1', 'CloudTrail.2', 'CloudTrail.4', 'CloudTrail.7', 'Config.1', 'EC2.2', 'EC2.6', 'EC2.7', 'EC2.8', 'EC2.21',
    'EC2.53', 'EC2.54', 'EFS.1', 'IAM.2', 'IAM.3', 'IAM.4', 'IAM.5', 'IAM.6', 'IAM.9', 'IAM.15', 'IAM.16', 'IAM.18', 'IAM.22', 'IAM.26',
    'IAM.27', 'IAM.28', 'KMS.4', 'RDS.2', 'RDS.3', 'RDS.13', 'S3.1', 'S3.5', 'S3.8', 'S3.20', 'S3.22', 'S3.23',
  ],
  '5.0.0': [],
};
SECURITY_HUB_CONTROLS['5.0.0'] = [...SECURITY_HUB_CONTROLS['3.0.0'], 'EFS.8', 'RDS.5', 'RDS.15'];

/**
 * The rules for what v7.0.0 adds: 2.1.1 (centralized root access), 2.21 (resource policies
 * open to "*") and 4.10 (access logging on web front ends).
 */
const V7_NEW_RULES = [
  'apigateway-http-stage-access-logging-enabled', 'apigateway-rest-stage-access-logging-enabled',
  'cloudfront-distribution-access-logging-enabled', 'ecr-repository-policy-no-public-principal',
  'elb-application-load-balancer-access-logging-enabled', 'elb-classic-load-balancer-access-logging-enabled',
  'iam-root-access-centralized', 'kms-key-policy-no-public-principal', 'lambda-function-policy-no-public-principal',
  's3-bucket-policy-no-public-principal', 'secretsmanager-secret-policy-no-public-principal',
  'sns-topic-policy-no-public-principal', 'sqs-queue-policy-no-public-principal',
];

/**
 * v6.0.0 renumbers every v5.0.0 recommendation, so it runs the same rules;
 * v7.0.0 drops v5.0.0 1.10 and 1.12 (the single active access key) and runs new
 * rules for 2.1.1, 2.21 and 4.10; its other new items (2.1.2-2.1.6, 6.8) are listed as manual.
 */
const LATER_RULES: Record<'6.0.0' | '7.0.0', string[]> = {
  '6.0.0': GOLDEN_RULES['5.0.0'],
  '7.0.0': [...GOLDEN_RULES['5.0.0'].filter((id) => id !== 'iam-user-single-active-access-key'), ...V7_NEW_RULES],
};
const ALL_GOLDEN: Record<BenchmarkVersion, string[]> = { ...GOLDEN_RULES, ...LATER_RULES };

const registry = new Registry(builtInRules);

describe.each(BENCHMARK_VERSIONS)('CIS v%s', (version) => {
  it('runs exactly the pinned rules', () => {
    expect(registry.select({ benchmarks: [version] }).map((r) => r.id)).toEqual([...ALL_GOLDEN[version]].sort());
  });

  it('lists every recommendation of the benchmark, each automated or marked manual', () => {
    const entries = requirementsOf(builtInRules, version);
    expect(entries).toHaveLength(RECOMMENDATION_COUNTS[version]);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    for (const entry of entries) expect(entry.automated || entry.manualStatus !== undefined, entry.id).toBe(true);
  });
});

describe.each(SECURITY_HUB_VERSIONS)('CIS v%s in Security Hub', (version) => {
  it("covers exactly Security Hub's controls for the version", () => {
    const covered = builtInRules.filter((r) => r.securityHubControlId && r.cis[version] !== undefined).map((r) => r.securityHubControlId);
    expect(covered.sort()).toEqual([...SECURITY_HUB_CONTROLS[version]].sort());
  });
});

describe.each([
  ['6.0.0', CIS_V6],
  ['7.0.0', CIS_V7],
] as const)('CIS v%s (no Security Hub standard)', (version, table) => {
  it('gives every rule the numbers that renumber its v5.0.0 ones, in the same field and with the same status', () => {
    // Only numbers with a v5.0.0 counterpart: the new items are served by new rules.
    const renumbered = new Set(table.filter((r) => r.v5 !== null).map((r) => r.id));
    for (const rule of builtInRules) {
      for (const field of ['cis', 'cisExtra'] as const) {
        const v5 = [rule[field]?.['5.0.0'] ?? []].flat();
        const expected = table.filter((r) => r.v5 !== null && v5.includes(r.v5)).map((r) => r.id);
        expect([rule[field]?.[version] ?? []].flat().filter((n) => renumbered.has(n)), `${rule.id} ${field}`).toEqual(expected);
      }
      if (requirementsFor(rule, '5.0.0').length > 0 && requirementsFor(rule, version).length > 0) {
        expect(runsFor(rule, version), rule.id).toBe(runsFor(rule, '5.0.0'));
      }
    }
  });

  it('maps the new rules only to new items', () => {
    const added = new Set(table.filter((r) => r.v5 === null).map((r) => r.id));
    for (const rule of builtInRules.filter((r) => r.cis['5.0.0'] === undefined && r.cis[version] !== undefined)) {
      expect([rule.cis[version]].flat().every((n) => added.has(n!)), rule.id).toBe(true);
    }
  });

  it('pins the automated and manual split', () => {
    const entries = requirementsOf(builtInRules, version);
    const automated = entries.filter((e) => e.automated).map((e) => e.id);
    expect(automated).toEqual(
      version === '6.0.0'
        ? ['2.2', '2.3', '2.4', '2.5', '2.7', '2.8', '2.9', '2.11', '2.12', '2.13', '2.14', '2.15', '2.16', '2.17', '2.18', '2.19', '2.21',
           '3.1.1', '3.1.2', '3.1.4', '3.2.1', '3.2.2', '3.2.3', '3.2.4', '3.3.1', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8',
           '4.9', '5.1', '5.16', '6.1.1', '6.1.2', '6.2', '6.3', '6.4', '6.5', '6.7']
        : ['2.1.1', '2.3', '2.4', '2.5', '2.6', '2.8', '2.9', '2.10', '2.11', '2.12', '2.13', '2.14', '2.15', '2.16', '2.17', '2.18', '2.20', '2.21',
           '3.1.1', '3.1.2', '3.1.4', '3.2.1', '3.2.2', '3.2.3', '3.2.4', '3.3.1', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8',
           '4.9', '4.10', '5.1', '5.16', '6.1.1', '6.1.2', '6.2', '6.3', '6.4', '6.5', '6.7'],
    );
    const newItems = entries.filter((e) => table.find((r) => r.id === e.id)?.v5 === null);
    expect(newItems.filter((e) => e.automated).map((e) => e.id)).toEqual(version === '7.0.0' ? ['2.1.1', '2.21', '4.10'] : []);
  });
});

describe('the rule set', () => {
  it('has one rule per spec rule id plus the v7.0.0 rules: 86, with S3.4 and IAM.20 never used as control ids', () => {
    expect(builtInRules).toHaveLength(86);
    const controls = builtInRules.map((r) => r.securityHubControlId);
    expect(controls).not.toContain('S3.4');
    expect(controls).not.toContain('IAM.20');
    expect(builtInRules.filter((r) => r.securityHubControlId === null).map((r) => r.id).sort()).toEqual([
      'cloudwatch-organizations-changes-alarm', 'ec2-instance-iam-role-attached', 'ec2-sg-cifs-restricted',
      'iam-user-no-initial-access-key', 'iam-user-single-active-access-key', 's3-bucket-default-encryption-enabled',
      'securityhub-account-enabled', ...V7_NEW_RULES,
    ].sort());
  });
});
