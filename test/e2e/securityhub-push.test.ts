/**
 * `hubcheck scan --securityhub` and `hubcheck import` end to end against moto
 * (BatchImportFindings, GetFindings, DescribeHub and EnableSecurityHub exist
 * there; moto ignores GetFindings filters, which hubcheck re-checks itself).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { CreateVpcCommand, DeleteVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient } from '@aws-sdk/client-iam';
import { EnableSecurityHubCommand, GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { minimal } from '../helpers/asff-samples.js';
import { MOTO_URL, client, describeMoto, resetMoto, runCli } from './moto.js';
import { foundationSeed } from './seeds/foundation.js';

async function hubFindings(region: string): Promise<AwsSecurityFinding[]> {
  const hub = client(SecurityHubClient, region);
  const all: AwsSecurityFinding[] = [];
  let NextToken: string | undefined;
  do {
    const page = await hub.send(new GetFindingsCommand({ MaxResults: 100, NextToken }));
    all.push(...(page.Findings ?? []));
    NextToken = page.NextToken || undefined;
  } while (NextToken);
  return all;
}

const rule = (f: AwsSecurityFinding) => f.ProductFields?.['hubcheck/RuleId'];
const named = (findings: AwsSecurityFinding[], ruleId: string, name: string) =>
  findings.find((f) => rule(f) === ruleId && (f.ProductFields?.['hubcheck/ResourceName'] ?? '').startsWith(name));

async function scan(args: string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-sh-'));
  const result = await runCli(['scan', '--regions', 'us-east-1,eu-west-1', '--output-dir', dir, '--no-progress', '--fail-on', 'none', '--securityhub', ...args]);
  const findings = JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
  return { ...result, dir, findings };
}

describeMoto('scan --securityhub: two runs against moto', () => {
  const rules = 'ec2-default-sg-closed,iam-user-console-mfa-enabled';
  let doomedVpc = '';

  beforeAll(async () => {
    await resetMoto();
    await foundationSeed.seed(MOTO_URL);
    const vpc = await client(EC2Client).send(new CreateVpcCommand({ CidrBlock: '10.99.0.0/16' }));
    doomedVpc = vpc.Vpc?.VpcId ?? '';
    for (const region of ['us-east-1', 'eu-west-1']) await client(SecurityHubClient, region).send(new EnableSecurityHubCommand({}));
  });

  it('pushes, then after a fix and a deletion resolves, archives, keeps history and leaves the rest alone', async () => {
    const first = await scan(['--rules', `${rules},ec2-ebs-default-encryption-enabled`]);
    expect(first.stderr).toMatch(/Security Hub us-east-1: sent \d+, failed 0, archived 0, resolved 0/);
    expect(first.stderr).toMatch(/Security Hub eu-west-1: sent \d+, failed 0, archived 0, resolved 0/);
    expect(first.code).toBe(0);
    expect(existsSync(path.join(first.dir, 'unsent.asff.json'))).toBe(false);
    const afterFirst = await hubFindings('us-east-1');
    expect(afterFirst.map((f) => f.Id).sort()).toEqual(
      first.findings.filter((f) => f.ProductArn?.includes(':us-east-1:')).map((f) => f.Id).sort(),
    );
    expect(named(afterFirst, 'iam-user-console-mfa-enabled', 'bob')?.Compliance?.Status).toBe('FAILED');
    const doomedFinding = afterFirst.find((f) => rule(f) === 'ec2-default-sg-closed' && f.Description?.includes(doomedVpc));
    expect(doomedFinding?.Compliance?.Status).toBe('FAILED');

    // A custom finding in the same default product, imported by hand.
    const customFile = path.join(first.dir, 'custom.json');
    await writeFile(customFile, JSON.stringify(minimal()));
    const imported = await runCli(['import', customFile]);
    expect(imported.code).toBe(0);

    // Fix bob (console password, now with MFA) and delete a VPC (its default security group goes with it).
    const iam = client(IAMClient);
    const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob-phone' }));
    await iam.send(new EnableMFADeviceCommand({ UserName: 'bob', SerialNumber: device.VirtualMFADevice?.SerialNumber, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));
    await client(EC2Client).send(new DeleteVpcCommand({ VpcId: doomedVpc }));

    // Run 2 leaves out ec2-ebs-default-encryption-enabled: its findings must stay as they are.
    const second = await scan(['--rules', rules]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/Security Hub us-east-1: sent \d+, failed 0, archived 1, resolved 1/);
    expect(second.stderr).toMatch(/Security Hub eu-west-1: sent \d+, failed 0, archived 0, resolved 0/);

    const afterSecond = await hubFindings('us-east-1');
    const bob = named(afterSecond, 'iam-user-console-mfa-enabled', 'bob')!;
    const bobBefore = named(afterFirst, 'iam-user-console-mfa-enabled', 'bob')!;
    expect(bob).toMatchObject({ Compliance: { Status: 'PASSED' }, Severity: { Label: 'INFORMATIONAL' }, RecordState: 'ACTIVE' });
    expect(bob.FirstObservedAt).toBe(bobBefore.FirstObservedAt);
    expect(bob.CreatedAt).toBe(bobBefore.CreatedAt);
    expect(Date.parse(bob.UpdatedAt!)).toBeGreaterThan(Date.parse(bobBefore.UpdatedAt!));

    const doomed = afterSecond.find((f) => f.Id === doomedFinding?.Id)!;
    expect(doomed).toMatchObject({ RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' }, Severity: { Label: 'INFORMATIONAL' } });
    expect(Date.parse(doomed.UpdatedAt!)).toBeGreaterThan(Date.parse(doomedFinding!.UpdatedAt!));

    const untouched = afterFirst.filter((f) => rule(f) === 'ec2-ebs-default-encryption-enabled');
    expect(untouched).toHaveLength(1);
    expect(afterSecond.filter((f) => rule(f) === 'ec2-ebs-default-encryption-enabled')).toEqual(untouched);
    expect(afterSecond.find((f) => f.Id === 'custom-1')).toEqual(minimal());

    // Everything else of the run is ACTIVE, each Id once.
    const ids = afterSecond.map((f) => f.Id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(afterSecond.filter((f) => f.RecordState === 'ARCHIVED').map((f) => f.Id)).toEqual([doomedFinding?.Id]);
    for (const f of second.findings.filter((x) => x.ProductArn?.includes(':us-east-1:'))) expect(ids).toContain(f.Id);
  });
});

describeMoto('scan --securityhub: a Region without Security Hub', () => {
  beforeAll(async () => {
    await resetMoto();
    await foundationSeed.seed(MOTO_URL);
    await client(SecurityHubClient, 'us-east-1').send(new EnableSecurityHubCommand({}));
  });

  it('reports the Region, writes its findings to unsent.asff.json, pushes the rest and exits 3; hubcheck import sends them later', async () => {
    const { code, stderr, dir, findings } = await scan([]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/hubcheck: Security Hub is not enabled in eu-west-1 for account 123456789012 \(InvalidAccessException: .*\); its \d+ findings were not sent/);
    expect(stderr).toMatch(/Security Hub us-east-1: sent \d+, failed 0/);
    const file = path.join(dir, 'unsent.asff.json');
    expect(stderr).toContain(`could not be sent to Security Hub; they are in ${file}`);
    const unsent = JSON.parse(await readFile(file, 'utf8')) as AwsSecurityFinding[];
    const eu = findings.filter((f) => f.ProductArn?.includes(':eu-west-1:'));
    expect(unsent.map((f) => f.Id).sort()).toEqual(eu.map((f) => f.Id).sort());
    expect(unsent.length).toBeGreaterThan(0);
    expect((await hubFindings('us-east-1')).length).toBe(findings.length - eu.length);

    await client(SecurityHubClient, 'eu-west-1').send(new EnableSecurityHubCommand({}));
    const later = await runCli(['import', file]);
    expect(later.code).toBe(0);
    expect(JSON.parse(later.stdout)).toEqual({ FailedCount: 0, SuccessCount: unsent.length, FailedFindings: [] });
    expect((await hubFindings('eu-west-1')).map((f) => f.Id).sort()).toEqual(eu.map((f) => f.Id).sort());
  });

  it('hubcheck import of a minimal hand-written finding prints exactly what BatchImportFindings answers', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-import-'));
    const file = path.join(dir, 'mine.json');
    await writeFile(file, JSON.stringify({ ...minimal(), Id: 'hand-written-1' }, null, 2));
    const result = await runCli(['import', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${JSON.stringify({ FailedCount: 0, SuccessCount: 1, FailedFindings: [] }, null, 2)}\n`);
    expect((await hubFindings('us-east-1')).find((f) => f.Id === 'hand-written-1')).toEqual({ ...minimal(), Id: 'hand-written-1' });
  });
});

