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

/** The read each CIS v5.0.0 rule makes first, which a caller without permissions is denied. */
const DENIED_ACTION: Record<string, string> = {
  'account-security-contact-registered': 'account:GetAlternateContact',
  'cloudtrail-bucket-access-logging-enabled': 'cloudtrail:DescribeTrails',
  'cloudtrail-multi-region-enabled': 'cloudtrail:DescribeTrails',
  'cloudtrail-trail-kms-encrypted': 'cloudtrail:DescribeTrails',
  'cloudtrail-trail-log-validation-enabled': 'cloudtrail:DescribeTrails',
  'cloudwatch-unauthorized-api-calls-alarm': 'cloudtrail:DescribeTrails',
  'config-recorder-enabled': 'config:DescribeConfigurationRecorders',
  'ec2-default-sg-closed': 'ec2:DescribeSecurityGroups',
  'ec2-ebs-default-encryption-enabled': 'ec2:GetEbsEncryptionByDefault',
  'ec2-instance-iam-role-attached': 'ec2:DescribeInstances',
  'ec2-instance-imdsv2-required': 'ec2:DescribeInstances',
  'ec2-nacl-admin-ports-restricted': 'ec2:DescribeNetworkAcls',
  'ec2-sg-admin-ports-ipv4-restricted': 'ec2:DescribeSecurityGroups',
  'ec2-sg-admin-ports-ipv6-restricted': 'ec2:DescribeSecurityGroups',
  'ec2-sg-cifs-restricted': 'ec2:DescribeSecurityGroups',
  'ec2-vpc-flow-logs-enabled': 'ec2:DescribeVpcs',
  'efs-filesystem-encrypted-at-rest': 'elasticfilesystem:DescribeFileSystems',
  'efs-filesystem-kms-encrypted': 'elasticfilesystem:DescribeFileSystems',
  'iam-access-key-rotated': 'iam:GenerateCredentialReport',
  'iam-cloudshell-full-access-not-attached': 'iam:ListEntitiesForPolicy',
  'iam-external-access-analyzer-enabled': 'access-analyzer:ListAnalyzers',
  'iam-password-policy-min-length': 'iam:GetAccountPasswordPolicy',
  'iam-password-policy-reuse-prevention': 'iam:GetAccountPasswordPolicy',
  'iam-policy-no-full-admin': 'iam:GetAccountAuthorizationDetails',
  'iam-root-access-key-absent': 'iam:GetAccountSummary',
  'iam-root-hardware-mfa-enabled': 'iam:GetAccountSummary',
  'iam-root-mfa-enabled': 'iam:GetAccountSummary',
  'iam-server-certificate-not-expired': 'iam:ListServerCertificates',
  'iam-support-role-exists': 'iam:ListEntitiesForPolicy',
  'iam-user-console-mfa-enabled': 'iam:GenerateCredentialReport',
  'iam-user-no-direct-policies': 'iam:GetAccountAuthorizationDetails',
  'iam-user-single-active-access-key': 'iam:GenerateCredentialReport',
  'iam-user-unused-credentials-45d': 'iam:GenerateCredentialReport',
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
  's3-object-read-events-logged': 'cloudtrail:DescribeTrails',
  's3-object-write-events-logged': 'cloudtrail:DescribeTrails',
  'securityhub-account-enabled': 'securityhub:DescribeHub',
};

/**
 * moto denies with an XML body for every service: the SDK cannot parse it for
 * JSON and REST-JSON services, so the code becomes the HTTP status. Real AWS
 * answers each in its own protocol (AccessDenied / AccessDeniedException).
 */
const QUERY_PROTOCOL = /^(iam|ec2|rds|s3|sts|sns):/;
const deniedCode = (action: string) => (QUERY_PROTOCOL.test(action) && action !== 's3:GetAccountPublicAccessBlock' ? 'AccessDenied' : 'HTTP 403');

/** moto has no Access Analyzer at all: HTTP 500 with an HTML page, whatever the permissions (spec/moto.md 3.1). */
const NO_BACKEND = 'iam-external-access-analyzer-enabled';

/**
 * One finding per account-wide rule, and per CloudWatch alarm rule (they report
 * once per account, in the trail's home Region, or the scan's home Region when
 * no trail can be read); one per Region for the others. For CIS v5.0.0.
 */
const DEFAULT_RULES = builtInRules.filter((r) => runsFor(r, '5.0.0'));
const oncePerAccount = (r: (typeof DEFAULT_RULES)[number]) => r.scope === 'account' || r.id.startsWith('cloudwatch-');
const EXPECTED_FINDINGS = DEFAULT_RULES.reduce((n, r) => n + (oncePerAccount(r) ? 1 : 2), 0);

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
      if (rule === NO_BACKEND) {
        expect(finding.Description).toMatch(/^access-analyzer:ListAnalyzers in [a-z0-9-]+: HTTP 500 after \d+ attempts$/);
        expect(finding.Compliance?.StatusReasons?.[0]?.ReasonCode).toBe('DATA_UNAVAILABLE');
        continue;
      }
      const action = DENIED_ACTION[rule] ?? '';
      expect(finding.Description).toBe(`Missing permission ${action} (${deniedCode(action)})`);
      expect(finding.Compliance?.StatusReasons?.[0]?.ReasonCode).toBe('ACCESS_DENIED');
      expect(finding.Severity?.Label).toBe('INFORMATIONAL');
    }
    expect(stderr).toContain(`Could not evaluate ${EXPECTED_FINDINGS} checks`);
    expect(stderr).toContain('Missing permission ec2:DescribeSecurityGroups (AccessDenied)');
  });

  it('leaves each v7.0.0 2.21 and 4.10 rule NOT_AVAILABLE naming its first read, never PASSED', async () => {
    const V7_DENIED: Record<string, string> = {
      'sqs-queue-policy-no-public-principal': 'sqs:ListQueues',
      'lambda-function-policy-no-public-principal': 'lambda:ListFunctions',
      'ecr-repository-policy-no-public-principal': 'ecr:DescribeRepositories',
      'secretsmanager-secret-policy-no-public-principal': 'secretsmanager:ListSecrets',
      'cloudfront-distribution-access-logging-enabled': 'cloudfront:ListDistributions',
      'elb-application-load-balancer-access-logging-enabled': 'elasticloadbalancing:DescribeLoadBalancers',
      'elb-classic-load-balancer-access-logging-enabled': 'elasticloadbalancing:DescribeLoadBalancers',
      'apigateway-rest-stage-access-logging-enabled': 'apigateway:GET',
      'apigateway-http-stage-access-logging-enabled': 'apigateway:GET',
    };
    const { code, findings } = await scan(['--regions', 'us-east-1', '--benchmark', 'cis-7.0.0', '--rules', Object.keys(V7_DENIED).join(',')]);
    expect(code).toBe(3);
    const got = Object.fromEntries(findings.map((f) => [f.ProductFields?.['hubcheck/RuleId'], `${f.Compliance?.Status} ${f.Description?.replace(/ \(.*\)$/, '')}`]));
    expect(got).toEqual(Object.fromEntries(Object.entries(V7_DENIED).map(([rule, action]) => [rule, `NOT_AVAILABLE Missing permission ${action}`])));
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

