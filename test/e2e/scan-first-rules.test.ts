/**
 * The foundation rules end to end: seed moto with a compliant and a
 * non-compliant case per rule across two Regions, run the built CLI, check every
 * finding's Compliance.Status, its validity, and that each AWS read was made once.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { DeleteAccountPasswordPolicyCommand, IAMClient, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { ACCOUNT, client, describeMoto, MOTO_URL, resetMoto, runCli } from './moto.js';
import { foundationSeed } from './seeds/foundation.js';
import { unmetExpectations, type Expectation } from './seeds/seed.js';

async function scan(args: string[] = []) {
  const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-e2e-'));
  // The foundation rules unless the test names its own: other families' rules have their own seeds and tests.
  const rules = args.includes('--rules') ? [] : ['--rules', foundationSeed.rules.join(',')];
  const result = await runCli(['scan', '--regions', 'us-east-1,eu-west-1', '--output-dir', dir, '--no-progress', ...rules, ...args]);
  const findings = JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
  const document = JSON.parse(await readFile(path.join(dir, 'scan.json'), 'utf8'));
  return { ...result, dir, findings, document };
}

const status = (findings: AwsSecurityFinding[], rule: string) =>
  findings.filter((f) => f.ProductFields?.['hubcheck/RuleId'] === rule).map((f) => f.Compliance?.Status);

describeMoto('scan with the foundation rules against moto', () => {
  let expectations: Expectation[] = [];

  beforeAll(async () => {
    await resetMoto();
    expectations = await foundationSeed.seed(MOTO_URL);
  });

  it('gives the expected status for every rule and resource, in two Regions', async () => {
    const { code, findings } = await scan();
    expect(code).toBe(1);
    expect(unmetExpectations(findings, expectations)).toEqual([]);
    // Nothing beyond the expectations: every finding of these rules is one of them.
    expect(findings).toHaveLength(expectations.length);
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
    let { findings } = await scan();
    expect(status(findings, 'iam-password-policy-min-length')).toEqual(['FAILED']);
    expect(status(findings, 'iam-password-policy-reuse-prevention')).toEqual(['FAILED']);

    await client(IAMClient).send(new DeleteAccountPasswordPolicyCommand({}));
    ({ findings } = await scan());
    expect(status(findings, 'iam-password-policy-min-length')).toEqual(['FAILED']);
  });

  it('exits by --fail-on: 1 at or above the threshold, 0 when nothing reaches it', async () => {
    expect((await scan(['--rules', 'iam-root-mfa-enabled', '--fail-on', 'CRITICAL'])).code).toBe(1);
    expect((await scan(['--rules', 'EC2.7', '--fail-on', 'high'])).code).toBe(0);
    expect((await scan(['--rules', 'EC2.7', '--fail-on', 'medium'])).code).toBe(1);
    expect((await scan(['--fail-on', 'none'])).code).toBe(0);
  });
});
