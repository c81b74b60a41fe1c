/**
 * The first rules end to end: seed moto with a compliant and a non-compliant
 * case per rule across two Regions, run the built CLI, check every finding's
 * Compliance.Status, its validity, and that each AWS read was made once.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteAccountPasswordPolicyCommand,
  EnableMFADeviceCommand,
  IAMClient,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { ACCOUNT, client, describeMoto, resetMoto, runCli } from './moto.js';

async function scan(args: string[] = []) {
  const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-e2e-'));
  const result = await runCli(['scan', '--regions', 'us-east-1,eu-west-1', '--output-dir', dir, '--no-progress', ...args]);
  const findings = JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
  const document = JSON.parse(await readFile(path.join(dir, 'scan.json'), 'utf8'));
  return { ...result, dir, findings, document };
}

/** rule id -> "resource name or id @ region" -> status */
function statuses(findings: AwsSecurityFinding[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const f of findings) {
    const rule = f.ProductFields?.['hubcheck/RuleId'] ?? '?';
    const resource = f.Resources?.[0];
    const name = f.ProductFields?.['hubcheck/ResourceName'] ?? resource?.Id ?? '?';
    (out[rule] ??= {})[`${name}@${resource?.Region}`] = f.Compliance?.Status ?? '?';
  }
  return out;
}

describeMoto('scan with the first rules against moto', () => {
  let extraVpcSg = '';
  let defaultSgUsEast = '';
  let defaultSgEuWest = '';

  beforeAll(async () => {
    await resetMoto();
    const iam = client(IAMClient);
    for (const user of ['alice', 'bob', 'carol']) await iam.send(new CreateUserCommand({ UserName: user }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-9-Battery' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Correct-Horse-9-Battery' }));
    const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }));
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'alice',
        SerialNumber: device.VirtualMFADevice?.SerialNumber,
        AuthenticationCode1: '123456',
        AuthenticationCode2: '654321',
      }),
    );
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }));

    await client(EC2Client, 'eu-west-1').send(new EnableEbsEncryptionByDefaultCommand({}));
    const ec2 = client(EC2Client, 'us-east-1');
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }));
    for (const group of groups.SecurityGroups ?? []) {
      if (group.VpcId === vpc.Vpc?.VpcId) {
        extraVpcSg = group.GroupId ?? '';
        continue;
      }
      defaultSgUsEast = group.GroupId ?? '';
      await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: group.GroupId, IpPermissions: group.IpPermissionsEgress }));
    }
    const eu = await client(EC2Client, 'eu-west-1').send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }),
    );
    defaultSgEuWest = eu.SecurityGroups?.[0]?.GroupId ?? '';
  });

  it('gives the expected status for every rule and resource, in two Regions', async () => {
    const { code, findings } = await scan();
    expect(code).toBe(1);
    const s = statuses(findings);
    expect(s['iam-user-console-mfa-enabled']).toEqual({
      'alice@us-east-1': 'PASSED',
      'bob@us-east-1': 'FAILED',
      'carol@us-east-1': 'PASSED',
    });
    expect(s['iam-password-policy-min-length']).toEqual({ [`${ACCOUNT}@us-east-1`]: 'PASSED' });
    expect(s['iam-password-policy-reuse-prevention']).toEqual({ [`${ACCOUNT}@us-east-1`]: 'PASSED' });
    // moto always reports no root access keys and no root MFA (spec/moto.md 6): the other outcome
    // of each is tested through aws-sdk-client-mock in test/data/root-summary.test.ts.
    expect(s['iam-root-access-key-absent']).toEqual({ [`${ACCOUNT}@us-east-1`]: 'PASSED' });
    expect(s['iam-root-mfa-enabled']).toEqual({ [`${ACCOUNT}@us-east-1`]: 'FAILED' });
    expect(s['ec2-ebs-default-encryption-enabled']).toEqual({
      [`${ACCOUNT}@us-east-1`]: 'FAILED',
      [`${ACCOUNT}@eu-west-1`]: 'PASSED',
    });
    expect(s['ec2-default-sg-closed']).toEqual({
      [`default (${defaultSgUsEast})@us-east-1`]: 'PASSED',
      [`default (${extraVpcSg})@us-east-1`]: 'FAILED',
      [`default (${defaultSgEuWest})@eu-west-1`]: 'FAILED',
    });
    expect(new Set(findings.map((f) => f.Id)).size).toBe(findings.length);
  });

  it('writes findings that hubcheck validate accepts, and makes each AWS read once', async () => {
    const { dir, document } = await scan();
    const validation = await runCli(['validate', path.join(dir, 'findings.asff.json')]);
    expect(validation.stderr).toBe('');
    expect(validation.code).toBe(0);
    const calls = document.apiCalls.byOperation;
    // Two rules read the account summary and two the password policy: one call each.
    expect(calls['iam:GetAccountSummary']).toBe(1);
    expect(calls['iam:GetAccountPasswordPolicy']).toBe(1);
    expect(calls['iam:GetCredentialReport']).toBe(1);
    expect(calls['sts:GetCallerIdentity']).toBe(1);
    // Regional reads: once per Region.
    expect(calls['ec2:DescribeSecurityGroups']).toBe(2);
    expect(calls['ec2:GetEbsEncryptionByDefault']).toBe(2);
    expect(calls['ec2:DescribeRegions']).toBeUndefined();
    expect(document.accounts).toMatchObject([{ id: ACCOUNT, regions: ['us-east-1', 'eu-west-1'] }]);
    expect(document.errors).toEqual([]);
  });

  it('fails the password policy rules once the policy is weakened, then removed', async () => {
    await client(IAMClient).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, PasswordReusePrevention: 5 }));
    let s = statuses((await scan()).findings);
    expect(s['iam-password-policy-min-length']).toEqual({ [`${ACCOUNT}@us-east-1`]: 'FAILED' });
    expect(s['iam-password-policy-reuse-prevention']).toEqual({ [`${ACCOUNT}@us-east-1`]: 'FAILED' });

    await client(IAMClient).send(new DeleteAccountPasswordPolicyCommand({}));
    s = statuses((await scan()).findings);
    expect(s['iam-password-policy-min-length']).toEqual({ [`${ACCOUNT}@us-east-1`]: 'FAILED' });
  });

  it('exits by --fail-on: 1 at or above the threshold, 0 when nothing reaches it', async () => {
    expect((await scan(['--rules', 'iam-root-mfa-enabled', '--fail-on', 'CRITICAL'])).code).toBe(1);
    expect((await scan(['--rules', 'EC2.7', '--fail-on', 'high'])).code).toBe(0);
    expect((await scan(['--rules', 'EC2.7', '--fail-on', 'medium'])).code).toBe(1);
    expect((await scan(['--fail-on', 'none'])).code).toBe(0);
  });
});
