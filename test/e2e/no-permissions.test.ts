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
import { client, describeMoto, enforceAuth, resetMoto, runCli, type Credentials } from './moto.js';

const DENIED_ACTION: Record<string, string> = {
  'iam-root-mfa-enabled': 'iam:GetAccountSummary',
  'iam-root-access-key-absent': 'iam:GetAccountSummary',
  'iam-password-policy-min-length': 'iam:GetAccountPasswordPolicy',
  'iam-password-policy-reuse-prevention': 'iam:GetAccountPasswordPolicy',
  'iam-user-console-mfa-enabled': 'iam:GenerateCredentialReport',
  'ec2-ebs-default-encryption-enabled': 'ec2:GetEbsEncryptionByDefault',
  'ec2-default-sg-closed': 'ec2:DescribeSecurityGroups',
};

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
    expect(findings.length).toBe(9); // 5 account-wide rules + 2 Regional rules x 2 Regions
    for (const finding of findings) {
      const rule = finding.ProductFields?.['hubcheck/RuleId'] ?? '';
      expect(finding.Compliance?.Status, rule).toBe('NOT_AVAILABLE');
      expect(finding.Description).toBe(`Missing permission ${DENIED_ACTION[rule]} (AccessDenied)`);
      expect(finding.Compliance?.StatusReasons?.[0]?.ReasonCode).toBe('ACCESS_DENIED');
      expect(finding.Severity?.Label).toBe('INFORMATIONAL');
    }
    expect(stderr).toContain('Could not evaluate 9 checks');
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

