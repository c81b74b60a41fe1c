/**
 * Scheduled scans end to end: three scans of a moto account that changes between
 * them. Each scan's new, resolved and reopened sets are checked in scan.json and
 * in every report format, and `--fail-on-new HIGH` exits 1 only on the scan that
 * brought a new HIGH failure (an open default security group, EC2.2).
 *
 *   scan 1: bob and carol have a console password and no MFA (IAM.5, MEDIUM): new
 *   scan 2: a new VPC with an open default security group (HIGH): new; bob gets MFA: resolved
 *   scan 3: the group is closed: resolved; bob loses his MFA: reopened; carol is deleted: resolved (gone)
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  EnableMFADeviceCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { CreateVpcCommand, DescribeSecurityGroupsCommand, EC2Client, RevokeSecurityGroupEgressCommand, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { beforeAll, expect, it } from 'vitest';
import { client, describeMoto, resetMoto, runCli } from './moto.js';

interface ScanResult {
  code: number;
  stderr: string;
  findings: AwsSecurityFinding[];
  history: { new: string[]; reopened: string[]; resolved: { id: string; now: string; resourceName: string | null }[] };
  csv: string;
  junit: string;
  md: string;
  html: string;
}

let workDir = '';
let scanNumber = 0;

async function scan(): Promise<ScanResult> {
  const out = path.join(workDir, `scan-${++scanNumber}`);
  const result = await runCli([
    'scan', '--regions', 'us-east-1', '--rules', 'IAM.5,EC2.2', '--output-dir', out, '--no-progress',
    '--format', 'html,csv,junit,md', '--fail-on-new', 'HIGH',
  ]);
  const read = (file: string) => readFile(path.join(out, file), 'utf8');
  return {
    code: result.code,
    stderr: result.stderr,
    findings: JSON.parse(await read('findings.asff.json')) as AwsSecurityFinding[],
    history: JSON.parse(await read('scan.json')).history,
    csv: await read('findings.csv'),
    junit: await read('junit.xml'),
    md: await read('summary.md'),
    html: await read('report.html'),
  };
}

const idOf = (r: ScanResult, name: string) => {
  const found = r.findings.find((f) => f.ProductFields?.['hubcheck/ResourceName'] === name);
  if (!found) throw new Error(`no finding for ${name}`);
  return found.Id!;
};

/** The finding Ids with this change, as each format shows them. */
function changes(r: ScanResult, change: 'NEW' | 'REOPENED' | 'RESOLVED') {
  const csvRows = r.csv.split('\r\n').slice(1).filter(Boolean).map((line) => line.slice(1, -1).split('","'));
  const header = r.csv.replace(/^\uFEFF/, '').split('\r\n')[0]!.slice(1, -1).split('","');
  const csv = csvRows.filter((row) => row[header.indexOf('Change')] === change).map((row) => row[header.indexOf('FindingId')]!);
  const html = [...r.html.matchAll(new RegExp(`<tr class="change" data-change="${change}" data-finding-id="([^"]+)"`, 'g'))].map((m) => m[1]!);
  const junit = [...r.junit.matchAll(new RegExp(`<failure message="${change}: [^"]*" [^>]*>[^<]*Finding: ([^<\\n]+)</failure>`, 'g'))].map((m) => m[1]!);
  return { csv: csv.sort(), html: html.sort(), junit: junit.sort() };
}

async function closeDefaultGroups(ec2: EC2Client, vpcId?: string) {
  const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }, ...(vpcId ? [{ Name: 'vpc-id', Values: [vpcId] }] : [])] }));
  for (const group of groups.SecurityGroups ?? []) {
    if (group.IpPermissionsEgress?.length) await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: group.GroupId, IpPermissions: group.IpPermissionsEgress }));
    if (group.IpPermissions?.length) await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: group.IpPermissions }));
  }
}

describeMoto('three scheduled scans of a changing account', () => {
  const iam = () => client(IAMClient);
  const ec2 = () => client(EC2Client, 'us-east-1');
  let bobMfa = '';
  const results: ScanResult[] = [];
  let openGroup = '';

  beforeAll(async () => {
    await resetMoto();
    workDir = await mkdtemp(path.join(tmpdir(), 'hubcheck-history-e2e-'));
    for (const user of ['alice', 'bob', 'carol']) {
      await iam().send(new CreateUserCommand({ UserName: user }));
      await iam().send(new CreateLoginProfileCommand({ UserName: user, Password: 'Correct-Horse-9-Battery' }));
    }
    const mfa = async (user: string) => {
      const device = await iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${user}-phone` }));
      const serial = device.VirtualMFADevice!.SerialNumber!;
      await iam().send(new EnableMFADeviceCommand({ UserName: user, SerialNumber: serial, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));
      return serial;
    };
    await mfa('alice');
    await closeDefaultGroups(ec2());
    results.push(await scan());

    const vpc = await ec2().send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }));
    const groups = await ec2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }, { Name: 'vpc-id', Values: [vpc.Vpc!.VpcId!] }] }));
    openGroup = `default (${groups.SecurityGroups![0]!.GroupId})`;
    bobMfa = await mfa('bob');
    results.push(await scan());

    await closeDefaultGroups(ec2(), vpc.Vpc!.VpcId);
    await iam().send(new DeactivateMFADeviceCommand({ UserName: 'bob', SerialNumber: bobMfa }));
    await iam().send(new DeleteLoginProfileCommand({ UserName: 'carol' }));
    await iam().send(new DeleteUserCommand({ UserName: 'carol' }));
    results.push(await scan());
  });

  it('scan 1: the two users without MFA are new; no HIGH failure, so --fail-on-new HIGH exits 0', () => {
    const [r] = results;
    const expected = [idOf(r!, 'bob'), idOf(r!, 'carol')].sort();
    expect(r!.history.new.sort()).toEqual(expected);
    expect(changes(r!, 'NEW')).toEqual({ csv: expected, html: expected, junit: expected });
    expect(r!.md).toContain('First scan in this state file: every failing finding is new (**2 new**');
    expect(r!.code).toBe(0);
  });

  it('scan 2: the open default security group is new (exit 1), bob with MFA is resolved', () => {
    const r = results[1]!;
    const group = idOf(r, openGroup);
    const bob = idOf(r, 'bob');
    expect(r.history.new).toEqual([group]);
    expect(r.history.reopened).toEqual([]);
    expect(r.history.resolved.map((x) => [x.id, x.now])).toEqual([[bob, 'PASSED']]);
    expect(changes(r, 'NEW')).toEqual({ csv: [group], html: [group], junit: [group] });
    const resolved = changes(r, 'RESOLVED');
    expect([resolved.csv, resolved.html]).toEqual([[bob], [bob]]);
    expect(r.md).toContain('**1 new**, **0 reopened**, **1 resolved**');
    expect(r.md).toMatch(new RegExp(`\\| NEW \\| HIGH \\| EC2\\.2 \\| ${openGroup.replace(/[()]/g, '\\$&')}`));
    expect(r.code).toBe(1);
  });

  it('scan 3: bob without MFA is reopened, the closed group and the deleted carol are resolved; nothing new, exit 0', () => {
    const r = results[2]!;
    const bob = idOf(r, 'bob');
    const group = idOf(r, openGroup);
    const carol = idOf(results[0]!, 'carol');
    expect(r.findings.some((f) => f.Id === carol)).toBe(false);
    expect(r.history.new).toEqual([]);
    expect(r.history.reopened).toEqual([bob]);
    expect(r.history.resolved.map((x) => [x.id, x.now]).sort()).toEqual([[carol, 'GONE'], [group, 'PASSED']].sort());
    expect(changes(r, 'REOPENED')).toEqual({ csv: [bob], html: [bob], junit: [bob] });
    const resolved = changes(r, 'RESOLVED');
    expect(resolved.csv).toEqual([group]); // carol is gone: no finding row to carry it
    expect(resolved.html).toEqual([carol, group].sort());
    expect(r.md).toContain('**0 new**, **1 reopened**, **2 resolved**');
    expect(r.md).toMatch(/\| MEDIUM \| IAM\.5 \| carol \(arn:aws:iam::123456789012:user\/carol\) \| us-east-1 \| gone \|/);
    expect(r.code).toBe(0);
  });

  it('keeps the first seen time of a reopened finding from the first scan', () => {
    const bob = (r: ScanResult) => r.findings.find((f) => f.ProductFields?.['hubcheck/ResourceName'] === 'bob')!;
    expect(bob(results[2]!).FirstObservedAt).toBe(bob(results[0]!).FirstObservedAt);
    expect(bob(results[2]!).LastObservedAt).not.toBe(bob(results[0]!).LastObservedAt);
  });
});
