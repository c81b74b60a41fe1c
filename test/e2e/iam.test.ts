/**
 * The IAM and Account family end to end: seed moto (test/e2e/seeds/iam.ts), run
 * the built CLI with the family's rules over two Regions, check every finding's
 * status, validity and that each AWS read was made once; then change the
 * account-level state and scan again for the other outcome of Account.1, IAM.18
 * and the password-policy rules.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { AccountClient, PutAlternateContactCommand } from '@aws-sdk/client-account';
import { AddUserToGroupCommand, DetachRolePolicyCommand, IAMClient, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { ACCOUNT, client, describeMoto, MOTO_URL, resetMoto, runCli } from './moto.js';
import { IAM_RULES, iamSeed, PASSWORD_COMPLEXITY_RULES } from './seeds/iam.js';
import { findingKey, unmetExpectations, type Expectation } from './seeds/seed.js';

async function scan(rules: readonly string[] = IAM_RULES) {
  const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-e2e-iam-'));
  const result = await runCli(['scan', '--regions', 'us-east-1,eu-west-1', '--rules', rules.join(','), '--output-dir', dir, '--no-progress']);
  const findings = JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
  const document = JSON.parse(await readFile(path.join(dir, 'scan.json'), 'utf8'));
  return { ...result, dir, findings, document };
}

const of = (findings: AwsSecurityFinding[], rule: string, resource?: string) =>
  findings.filter((f) => {
    const key = findingKey(f);
    return key.rule === rule && (resource === undefined || key.names.includes(resource));
  });

describeMoto('scan with the IAM and Account rules against moto', () => {
  let expectations: Expectation[] = [];
  let first: Awaited<ReturnType<typeof scan>>;

  beforeAll(async () => {
    await resetMoto();
    expectations = await iamSeed.seed(MOTO_URL);
    first = await scan();
  });

  it('gives the expected status for every rule and resource, and nothing else', () => {
    expect(first.stderr).not.toMatch(/"level":(50|60)/);
    expect(unmetExpectations(first.findings, expectations)).toEqual([]);
    expect(first.findings).toHaveLength(expectations.length);
    expect(new Set(first.findings.map((f) => f.Id)).size).toBe(first.findings.length);
    // 3, not 1: moto has no Access Analyzer, so IAM.28 is NOT_AVAILABLE, and incompleteness outranks failure.
    expect(first.code).toBe(3);
  });

  it('reports each identity of IAM.27 with its own resource type and ARN', () => {
    const types = Object.fromEntries(
      of(first.findings, 'iam-cloudshell-full-access-not-attached')
        .filter((f) => f.Compliance?.Status === 'FAILED')
        .map((f) => [f.Resources?.[0]?.Id, f.Resources?.[0]?.Type]),
    );
    expect(types).toEqual({
      [`arn:aws:iam::${ACCOUNT}:user/iam-kate`]: 'AwsIamUser',
      [`arn:aws:iam::${ACCOUNT}:group/iam-shell`]: 'AwsIamGroup',
      [`arn:aws:iam::${ACCOUNT}:role/iam-shell-role`]: 'AwsIamRole',
    });
    const certificate = of(first.findings, 'iam-server-certificate-not-expired')[0]?.Resources?.[0];
    expect(certificate).toMatchObject({ Type: 'Other', Id: `arn:aws:iam::${ACCOUNT}:server-certificate/iam-web-cert` });
  });

  it('names the missing Access Analyzer operation in the NOT_AVAILABLE findings', () => {
    for (const finding of of(first.findings, 'iam-external-access-analyzer-enabled')) {
      expect(finding.Compliance?.StatusReasons?.[0]?.Description).toContain('access-analyzer:ListAnalyzers');
    }
    expect(first.document.errors.map((e: { rule?: string }) => e.rule)).toEqual(['iam-external-access-analyzer-enabled', 'iam-external-access-analyzer-enabled']);
  });

  it('writes findings that hubcheck validate accepts, and makes each AWS read once', async () => {
    const validation = await runCli(['validate', path.join(first.dir, 'findings.asff.json')]);
    expect(validation.stderr).toBe('');
    expect(validation.code).toBe(0);
    const calls = first.document.apiCalls.byOperation;
    // IAM.1, IAM.2, IAM.18 and IAM.27 share one authorization-details read (one page on moto).
    expect(calls['iam:GetAccountAuthorizationDetails']).toBe(1);
    // One per policy: AWSSupportAccess (IAM.18) and AWSCloudShellFullAccess (IAM.27).
    expect(calls['iam:ListEntitiesForPolicy']).toBe(2);
    // Six rules read the credential report: one download.
    expect(calls['iam:GetCredentialReport']).toBe(1);
    expect(calls['iam:GetAccountPasswordPolicy']).toBe(1);
    expect(calls['iam:GetAccountSummary']).toBe(1);
    expect(calls['iam:ListServerCertificates']).toBe(1);
    expect(calls['account:GetAlternateContact']).toBe(1);
    // Regional: once per Region.
    expect(calls['access-analyzer:ListAnalyzers']).toBe(2);
    // moto's root user has no MFA, so IAM.6 fails without listing virtual devices.
    expect(calls['iam:ListVirtualMFADevices']).toBeUndefined();
  });

  it('turns Account.1, IAM.18, the password-policy rules and a detached role around in a second scan', async () => {
    // The security contact, a member for the support group, a full password policy (set here, not in
    // the seed: the foundation seed owns the account's password policy), and CloudShell detached from a role.
    await client(AccountClient).send(
      new PutAlternateContactCommand({ AlternateContactType: 'SECURITY', Name: 'Security Team', Title: 'CISO', EmailAddress: 'security@example.com', PhoneNumber: '+1-555-0100' }),
    );
    await client(IAMClient).send(new AddUserToGroupCommand({ GroupName: 'iam-support', UserName: 'iam-frank' }));
    await client(IAMClient).send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 14,
        PasswordReusePrevention: 24,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        RequireSymbols: true,
        RequireNumbers: true,
        MaxPasswordAge: 90,
      }),
    );
    await client(IAMClient).send(
      new DetachRolePolicyCommand({ RoleName: 'iam-shell-role', PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess' }),
    );
    // IAM.28 is left out: moto's missing Access Analyzer costs the SDK's retries and has no other outcome here.
    const second = await scan(IAM_RULES.filter((r) => r !== 'iam-external-access-analyzer-enabled'));
    const status = (rule: string, resource?: string) => of(second.findings, rule, resource).map((f) => f.Compliance?.Status);
    expect(status('account-security-contact-registered')).toEqual(['PASSED']);
    expect(status('iam-support-role-exists')).toEqual(['PASSED']);
    expect(of(second.findings, 'iam-support-role-exists')[0]?.ProductFields?.['hubcheck/evidence/groupsWithMembers']).toBe('iam-support');
    for (const rule of PASSWORD_COMPLEXITY_RULES) expect(status(rule), rule).toEqual(['PASSED']);
    // The role's finding resolves: the same finding Id comes back PASSED.
    const before = of(first.findings, 'iam-cloudshell-full-access-not-attached', 'iam-shell-role')[0];
    const after = of(second.findings, 'iam-cloudshell-full-access-not-attached', 'iam-shell-role')[0];
    expect(before?.Compliance?.Status).toBe('FAILED');
    expect(after?.Compliance?.Status).toBe('PASSED');
    expect(after?.Id).toBe(before?.Id);
    // A finding keeps its Id across scans for account-level rules too.
    expect(of(second.findings, 'account-security-contact-registered')[0]?.Id).toBe(of(first.findings, 'account-security-contact-registered')[0]?.Id);
  });
});
