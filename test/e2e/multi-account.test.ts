/**
 * Many accounts in one run: three accounts reached by AssumeRole from an
 * auditor user, one of which denies the role. The scan covers all three
 * concurrently, reports the denied one clearly with exit code 3, gives the
 * same findings for the other two as scanning each alone, and two shards
 * merged equal one unsharded run.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { EC2Client, EnableEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { DUMMY, MOTO_URL, describeMoto, enforceAuth, resetMoto, runCli, type Credentials } from './moto.js';

const A = '111111111111';
const B = '222222222222';
const DENIED = '333333333333';
const RULES = 'IAM.5,IAM.15,EC2.7,EC2.2';

function inAccount<C>(Client: new (config: object) => C, account: string, region = 'us-east-1'): C {
  const credentials = fromTemporaryCredentials({
    params: { RoleArn: `arn:aws:iam::${account}:role/Setup`, RoleSessionName: 'seed' },
    masterCredentials: DUMMY,
    clientConfig: { region, endpoint: MOTO_URL },
  });
  return new Client({ region, credentials, endpoint: MOTO_URL, maxAttempts: 1 });
}

const read = async (dir: string) => ({
  findings: JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[],
  document: JSON.parse(await readFile(path.join(dir, 'scan.json'), 'utf8')),
});
const essence = (findings: AwsSecurityFinding[]) => findings.map((f) => `${f.Id} ${f.Compliance?.Status}`).sort();

describeMoto('scanning several accounts', () => {
  let auditor: Credentials;
  let dir = '';

  beforeAll(async () => {
    await resetMoto();
    dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-accounts-'));
    const iam = new IAMClient({ region: 'us-east-1', credentials: DUMMY, endpoint: MOTO_URL });
    await iam.send(new CreateUserCommand({ UserName: 'auditor' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'auditor',
        PolicyName: 'assume-audit-roles',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [`arn:aws:iam::${A}:role/Audit`, `arn:aws:iam::${B}:role/Audit`] }],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'auditor' }))).AccessKey;
    auditor = { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' };

    for (const account of [A, B]) {
      const accountIam = inAccount(IAMClient, account);
      await accountIam.send(
        new CreateRoleCommand({
          RoleName: 'Audit',
          AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] }),
        }),
      );
      const permissions = JSON.parse((await runCli(['permissions', '--rules', RULES])).stdout) as { Statement: object[] };
      await accountIam.send(new PutRolePolicyCommand({ RoleName: 'Audit', PolicyName: 'hubcheck', PolicyDocument: JSON.stringify(permissions) }));
    }
    // A: a console user without MFA and a weak password policy; B: compliant policy, EBS encrypted in eu-west-1.
    const aIam = inAccount(IAMClient, A);
    await aIam.send(new CreateUserCommand({ UserName: 'amy' }));
    await aIam.send(new CreateLoginProfileCommand({ UserName: 'amy', Password: 'Correct-Horse-9-Battery' }));
    await aIam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8 }));
    await inAccount(IAMClient, B).send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 16 }));
    await inAccount(EC2Client, B, 'eu-west-1').send(new EnableEbsEncryptionByDefaultCommand({}));
    await enforceAuth(true);
  });

  afterAll(async () => {
    await enforceAuth(false);
  });

  const scan = (out: string, extra: string[]) =>
    runCli(['scan', '--regions', 'us-east-1,eu-west-1', '--rules', RULES, '--role-name', 'Audit', '--output-dir', path.join(dir, out), '--no-progress', ...extra], {
      credentials: auditor,
    });

  it('scans the reachable accounts concurrently and reports the denied one with exit 3', async () => {
    const result = await scan('all', ['--accounts', `${A},${B},${DENIED}`]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      `hubcheck: account ${DENIED} was not scanned: cannot use role arn:aws:iam::${DENIED}:role/Audit: AccessDenied`,
    );
    expect(result.stderr).toMatch(new RegExp(`${DENIED}  NOT SCANNED: cannot use role`));
    const { findings, document } = await read(path.join(dir, 'all'));
    expect(new Set(findings.map((f) => f.AwsAccountId))).toEqual(new Set([A, B]));
    expect(document.accounts.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
      [A, 'scanned'],
      [B, 'scanned'],
      [DENIED, 'failed'],
    ]);
    expect(document.errors).toContainEqual(expect.objectContaining({ kind: 'account', account: DENIED, code: 'AccessDenied' }));
    const pwd = (account: string) =>
      findings.find((f) => f.AwsAccountId === account && f.ProductFields?.['hubcheck/RuleId'] === 'iam-password-policy-min-length')?.Compliance?.Status;
    expect([pwd(A), pwd(B)]).toEqual(['FAILED', 'PASSED']);
    // Both accounts were in flight at once.
    const [a, b] = document.accounts as { startedAt: string; durationMs: number }[];
    const end = (x: { startedAt: string; durationMs: number }) => Date.parse(x.startedAt) + x.durationMs;
    expect(Date.parse(b!.startedAt)).toBeLessThan(end(a!));
    expect(Date.parse(a!.startedAt)).toBeLessThan(end(b!));
    // Per account and Region figures.
    expect(document.accounts[0].regionDetails.map((r: { region: string }) => r.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(document.accounts[0].apiCalls.calls).toBeGreaterThan(0);
  });

  it('gives each account the same findings as scanning it alone', async () => {
    const together = (await read(path.join(dir, 'all'))).findings;
    for (const account of [A, B]) {
      const alone = await scan(`alone-${account}`, ['--accounts', account]);
      expect(alone.code).toBe(1);
      const own = together.filter((f) => f.AwsAccountId === account);
      expect(essence((await read(path.join(dir, `alone-${account}`))).findings)).toEqual(essence(own));
    }
  });

  it('splits accounts into shards whose merge equals the unsharded run', async () => {
    const whole = await scan('whole', ['--accounts', `${A},${B}`]);
    const first = await scan('shard-1', ['--accounts', `${A},${B}`, '--shard', '1/2']);
    const second = await scan('shard-2', ['--accounts', `${A},${B}`, '--shard', '2/2']);
    expect([whole.code, first.code, second.code]).toEqual([1, 1, 1]);
    const one = await read(path.join(dir, 'shard-1'));
    const two = await read(path.join(dir, 'shard-2'));
    expect(one.document.accounts.map((a: { id: string }) => a.id)).toEqual([A]);
    expect(two.document.accounts.map((a: { id: string }) => a.id)).toEqual([B]);

    const merged = await runCli(['merge', path.join(dir, 'shard-1'), path.join(dir, 'shard-2'), '--output-dir', path.join(dir, 'merged')]);
    expect(merged.code).toBe(0);
    const m = await read(path.join(dir, 'merged'));
    const w = await read(path.join(dir, 'whole'));
    expect(essence(m.findings)).toEqual(essence(w.findings));
    expect(m.document.counts).toEqual(w.document.counts);
    expect(m.document.accounts.map((a: { id: string }) => a.id)).toEqual([A, B]);
    expect(m.document.rules.map((r: { id: string; results: object }) => [r.id, r.results])).toEqual(
      w.document.rules.map((r: { id: string; results: object }) => [r.id, r.results]),
    );
  });

  it('rejects bad account options in one line', async () => {
    for (const [args, message] of [
      [['--accounts', '12345'], /--accounts: 12345 is not a 12-digit account id/],
      [['--accounts', A, '--shard', '3/2'], /--shard 3\/2: expected i\/n/],
    ] as const) {
      const result = await scan('bad', [...args]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(message);
    }
  });
});
