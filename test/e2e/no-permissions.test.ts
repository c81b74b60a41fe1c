/**
 * A caller with no permissions at all: the scan still completes, every rule is
 * NOT_AVAILABLE naming the action that was denied, and the exit code is 3.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { builtInRules } from '../../rules/index.js';
import { runsFor } from '../../src/engine/registry.js';
import { client, describeMoto, enforceAuth, resetMoto, runCli, type Credentials } from './moto.js';

const DENIED_ACTION: Record<string, string> = {
  'iam-root-mfa-enabled': 'iam:GetAccountSummary',
  'iam-root-access-key-absent': 'iam:GetAccountSummary',
  'iam-password-policy-min-length': 'iam:GetAccountPasswordPolicy',
  'iam-password-policy-reuse-prevention': 'iam:GetAccountPasswordPolicy',
  'iam-user-console-mfa-enabled': 'iam:GenerateCredentialReport',
  'ec2-ebs-default-encryption-enabled': 'ec2:GetEbsEncryptionByDefault',
  'ec2-default-sg-closed': 'ec2:DescribeSecurityGroups',
  'efs-filesystem-encrypted-at-rest': 'elasticfilesystem:DescribeFileSystems',
  'efs-filesystem-kms-encrypted': 'elasticfilesystem:DescribeFileSystems',
  'kms-key-rotation-enabled': 'kms:ListKeys',
  'rds-cluster-multi-az': 'rds:DescribeDBClusters',
  'rds-instance-auto-minor-version-upgrade': 'rds:DescribeDBInstances',
  'rds-instance-multi-az': 'rds:DescribeDBInstances',
  'rds-instance-not-public': 'rds:DescribeDBInstances',
  'rds-instance-storage-encrypted': 'rds:DescribeDBInstances',
  's3-account-public-access-block-enabled': 's3:GetAccountPublicAccessBlock',
  's3-bucket-mfa-delete-enabled': 's3:ListAllMyBuckets',
  's3-bucket-public-access-block-enabled': 's3:ListAllMyBuckets',
  's3-bucket-ssl-requests-only': 's3:ListAllMyBuckets',
};

/**
 * moto answers an IAM denial with an XML AccessDenied body for every service; the
 * SDK cannot parse it for JSON-protocol services (EFS, KMS: SyntaxError) nor for
 * S3 Control (Unknown). It is still HTTP 403, so the reason is still access-denied.
 */
const MOTO_DENIED_CODE: Record<string, string> = {
  'efs-filesystem-encrypted-at-rest': 'SyntaxError',
  'efs-filesystem-kms-encrypted': 'SyntaxError',
  'kms-key-rotation-enabled': 'SyntaxError',
  's3-account-public-access-block-enabled': 'Unknown',
};

/** One finding per account-wide rule, one per Region for the others, for the default benchmark (CIS v5.0.0). */
const DEFAULT_RULES = builtInRules.filter((r) => runsFor(r, '5.0.0'));
const EXPECTED_FINDINGS = DEFAULT_RULES.reduce((n, r) => n + (r.scope === 'account' ? 1 : 2), 0);

describeMoto('scan without permissions', () => {
  let nobody: Credentials;

  beforeAll(async () => {
    await resetMoto();
    const iam = client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'nobody' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey;
    nobody = { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' };
    await enforceAuth(true);
  });

  afterAll(async () => {
    await enforceAuth(false);
  });

  async function scan(args: string[]) {
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-noperm-'));
    const result = await runCli(['scan', '--output-dir', dir, '--no-progress', ...args], { credentials: nobody });
    const findings = JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
    const document = JSON.parse(await readFile(path.join(dir, 'scan.json'), 'utf8'));
    return { ...result, findings, document };
  }

  it('completes with exit 3 and a NOT_AVAILABLE finding per rule and Region, naming the denied action', async () => {
    const { code, findings, stderr } = await scan(['--regions', 'us-east-1,eu-west-1', '--rules', Object.keys(DENIED_ACTION).join(',')]);
    expect(code).toBe(3);
    expect(Object.keys(DENIED_ACTION).sort()).toEqual(DEFAULT_RULES.map((r) => r.id).sort());
    expect(findings.length).toBe(EXPECTED_FINDINGS);
    for (const finding of findings) {
      const rule = finding.ProductFields?.['hubcheck/RuleId'] ?? '';
      expect(finding.Compliance?.Status, rule).toBe('NOT_AVAILABLE');
      expect(finding.Description).toBe(`Missing permission ${DENIED_ACTION[rule]} (${MOTO_DENIED_CODE[rule] ?? 'AccessDenied'})`);
      expect(finding.Compliance?.StatusReasons?.[0]?.ReasonCode).toBe('ACCESS_DENIED');
      expect(finding.Severity?.Label).toBe('INFORMATIONAL');
    }
    expect(stderr).toContain(`Could not evaluate ${EXPECTED_FINDINGS} checks`);
    expect(stderr).toContain('Missing permission ec2:DescribeSecurityGroups (AccessDenied)');
  });

  it('falls back to the home Region when the Regions cannot be listed, and says so', async () => {
    const { code, document } = await scan(['--rules', 'EC2.7']);
    expect(code).toBe(3);
    expect(document.regions).toEqual(['us-east-1']);
    expect(document.errors).toContainEqual(
      expect.objectContaining({ kind: 'regions', action: 'ec2:DescribeRegions', code: 'AccessDenied' }),
    );
  });
});

