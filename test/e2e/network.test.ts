/**
 * The network rules end to end: seed moto with compliant and non-compliant VPCs,
 * security groups, network ACLs and instances in two Regions, run the built CLI,
 * and check every status, that findings validate, that each security group gets
 * one finding per rule, that skipped resources get none, and that the five
 * security group rules share one DescribeSecurityGroups per Region.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { DescribeInstancesCommand, DescribeNetworkAclsCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { client, describeMoto, enforceAuth, MOTO_URL, resetMoto, runCli, type Credentials } from './moto.js';
import { NETWORK_RULES, networkSeed } from './seeds/network.js';
import { findingKey, unmetExpectations, type Expectation } from './seeds/seed.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const SG_RULES = [NETWORK_RULES.ssh, NETWORK_RULES.rdp, NETWORK_RULES.adminV4, NETWORK_RULES.adminV6, NETWORK_RULES.cifs];

async function scan(credentials?: Credentials) {
  const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-network-'));
  const result = await runCli([
    'scan',
    '--regions', REGIONS.join(','),
    '--rules', networkSeed.rules.join(','),
    '--benchmark', 'cis-1.2.0',
    '--benchmark', 'cis-5.0.0',
    '--output-dir', dir,
    '--no-progress',
  ], { credentials });
  const findings = JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
  const document = JSON.parse(await readFile(path.join(dir, 'scan.json'), 'utf8'));
  return { ...result, dir, findings, document };
}

const ruleOf = (f: AwsSecurityFinding) => f.ProductFields?.['hubcheck/RuleId'] ?? '';

describeMoto('scan with the network rules against moto', () => {
  let expectations: Expectation[] = [];
  let run: Awaited<ReturnType<typeof scan>>;

  afterAll(async () => {
    await enforceAuth(false);
  });

  beforeAll(async () => {
    await resetMoto();
    expectations = await networkSeed.seed(MOTO_URL);
    run = await scan();
  });

  it('gives the expected status for every seeded resource, in two Regions', () => {
    expect(run.code).toBe(1);
    expect(run.document.errors).toEqual([]);
    expect(unmetExpectations(run.findings, expectations)).toEqual([]);
    expect(new Set(run.findings.map((f) => f.Id)).size).toBe(run.findings.length);
    // Both outcomes of every rule are seen.
    for (const rule of networkSeed.rules) {
      const statuses = new Set(run.findings.filter((f) => ruleOf(f) === rule).map((f) => f.Compliance?.Status));
      expect([...statuses].sort(), rule).toEqual(['FAILED', 'PASSED']);
    }
  });

  it('gives every security group of each Region exactly one finding per security group rule', async () => {
    for (const region of REGIONS) {
      const groups = (await client(EC2Client, region).send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? [];
      const ids = groups.map((g) => `arn:aws:ec2:${region}:123456789012:security-group/${g.GroupId}`).sort();
      for (const rule of SG_RULES) {
        const found = run.findings.filter((f) => ruleOf(f) === rule && f.Resources?.[0]?.Region === region).map((f) => f.Resources?.[0]?.Id);
        expect(found.sort(), `${rule} in ${region}`).toEqual(ids);
      }
    }
  });

  it('gives terminated instances and default network ACLs no finding', async () => {
    const ids = run.findings.map((f) => f.Resources?.[0]?.Id ?? '');
    for (const region of REGIONS) {
      const ec2 = client(EC2Client, region);
      const terminated = (
        await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['terminated'] }] }))
      ).Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
      const defaults = (await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'default', Values: ['true'] }] }))).NetworkAcls ?? [];
      if (region === 'us-east-1') expect(terminated).toHaveLength(1);
      expect(defaults.length).toBeGreaterThanOrEqual(3);
      for (const gone of [...terminated.map((i) => `instance/${i.InstanceId}`), ...defaults.map((a) => `network-acl/${a.NetworkAclId}`)]) {
        expect(ids.filter((id) => id.endsWith(gone)), gone).toEqual([]);
      }
    }
  });

  it('explains the decisions in the findings: endpoint disabled, shadowing deny, offending permissions', () => {
    const byName = (rule: string, name: string) =>
      run.findings.find((f) => ruleOf(f) === rule && findingKey(f).names.some((n) => n.startsWith(`${name} (`)));
    expect(byName(NETWORK_RULES.imdsv2, 'net-v1-endpoint-off')?.Description).toMatch(/HttpTokens optional: IMDSv1 is allowed\. The metadata endpoint is disabled/);
    expect(byName(NETWORK_RULES.nacl, 'net-acl-shadowed')?.ProductFields?.['hubcheck/evidence/allowEntries']).toBe('#100 allow all traffic from 0.0.0.0/0');
    expect(byName(NETWORK_RULES.cifs, 'net-udp-admin-v6')?.ProductFields?.['hubcheck/evidence/openPermissions']).toBe('udp 22-3389 from ::/0');
    expect(byName(NETWORK_RULES.role, 'net-v2-role')?.ProductFields?.['hubcheck/evidence/iamInstanceProfileArn']).toBe(
      'arn:aws:iam::123456789012:instance-profile/hubcheck-network-app',
    );
    const ssh = byName(NETWORK_RULES.ssh, 'net-ssh-open');
    expect(ssh?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.2.0/4.1']);
    expect(ssh?.Compliance?.SecurityControlId).toBe('EC2.13');
  });

  it('writes findings that hubcheck validate accepts, and reads each list once per Region', async () => {
    const validation = await runCli(['validate', path.join(run.dir, 'findings.asff.json')]);
    expect(validation.stderr).toBe('');
    expect(validation.code).toBe(0);
    const calls = run.document.apiCalls.byOperation;
    // Five security group rules, one DescribeSecurityGroups per Region.
    expect(calls['ec2:DescribeSecurityGroups']).toBe(2);
    // Two instance rules, one DescribeInstances per Region; one flow log list for all VPCs.
    expect(calls['ec2:DescribeInstances']).toBe(2);
    expect(calls['ec2:DescribeVpcs']).toBe(2);
    expect(calls['ec2:DescribeFlowLogs']).toBe(2);
    expect(calls['ec2:DescribeNetworkAcls']).toBe(2);
    expect(Object.keys(calls).sort()).toEqual([
      'ec2:DescribeFlowLogs',
      'ec2:DescribeInstances',
      'ec2:DescribeNetworkAcls',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeVpcs',
      'sts:GetCallerIdentity',
    ]);
  });

  // Last: it turns moto's IAM authorisation on (afterAll turns it off).
  it('reports the rules whose read is denied as NOT_AVAILABLE naming the action, and judges the others', async () => {
    const iam = client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'net-auditor' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'net-auditor',
        PolicyName: 'no-flow-logs',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs', 'ec2:DescribeInstances', 'ec2:DescribeNetworkAcls'],
              Resource: '*',
            },
          ],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'net-auditor' }))).AccessKey;
    await enforceAuth(true);
    const denied = await scan({ accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' });
    await enforceAuth(false);
    expect(denied.code).toBe(3); // an unevaluated check outranks FAILED findings (exit 3 over 1)
    expect(denied.document.errors).toContainEqual(
      expect.objectContaining({ kind: 'data-unavailable', rule: NETWORK_RULES.flowLogs, action: 'ec2:DescribeFlowLogs', code: 'AccessDenied' }),
    );
    const flow = denied.findings.filter((f) => ruleOf(f) === NETWORK_RULES.flowLogs);
    expect(flow.map((f) => [f.Resources?.[0]?.Region, f.Compliance?.Status, f.Description]).sort()).toEqual(
      [...REGIONS].sort().map((region) => [region, 'NOT_AVAILABLE', 'Missing permission ec2:DescribeFlowLogs (AccessDenied)']),
    );
    const others = denied.findings.filter((f) => ruleOf(f) !== NETWORK_RULES.flowLogs);
    expect(others.length).toBe(run.findings.filter((f) => ruleOf(f) !== NETWORK_RULES.flowLogs).length);
    expect(others.every((f) => f.Compliance?.Status !== 'NOT_AVAILABLE')).toBe(true);
  });
});
