import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchRegion, normaliseResourceId, parity } from '../../src/securityhub/parity.js';
import { cli } from '../helpers/cli.js';

const ACCOUNT = '123456789012';
const SH = (region: string) => `arn:aws:securityhub:${region}::product/aws/securityhub`;
const OURS = (region: string) => `arn:aws:securityhub:${region}:${ACCOUNT}:product/${ACCOUNT}/default`;

function f(product: string, control: string, region: string, type: string, id: string, status: string, reason?: string, account = ACCOUNT): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: `${control}/${region}/${id}/${product.includes('aws/securityhub') ? 'sh' : 'hc'}`,
    ProductArn: product,
    GeneratorId: product.includes('aws/securityhub') ? `security-control/${control}` : `hubcheck/${control}`,
    AwsAccountId: account,
    CreatedAt: '2026-12-01T00:00:00Z',
    UpdatedAt: '2026-12-01T00:00:00Z',
    Title: control,
    Description: control,
    Resources: [{ Type: type, Id: id, Region: region }],
    Compliance: { Status: status as 'PASSED', SecurityControlId: control, ...(reason ? { StatusReasons: [{ ReasonCode: reason }] } : {}) },
    RecordState: 'ACTIVE',
  };
}

const hubcheck: AwsSecurityFinding[] = [
  // IAM.9: hubcheck reports once, in its home Region.
  f(OURS('us-east-1'), 'IAM.9', 'us-east-1', 'AwsAccount', `AWS::::Account:${ACCOUNT}`, 'FAILED'),
  // EC2.2: both see the same group; they disagree on one, hubcheck alone sees another.
  f(OURS('eu-west-1'), 'EC2.2', 'eu-west-1', 'AwsEc2SecurityGroup', `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-1`, 'FAILED'),
  f(OURS('eu-west-1'), 'EC2.2', 'eu-west-1', 'AwsEc2SecurityGroup', `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-2`, 'PASSED'),
  f(OURS('eu-west-1'), 'EC2.2', 'eu-west-1', 'AwsEc2SecurityGroup', `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-3`, 'PASSED'),
  // S3.5: a bucket, Region-less ARN.
  f(OURS('us-east-1'), 'S3.5', 'us-east-1', 'AwsS3Bucket', 'arn:aws:s3:::acme-logs', 'FAILED'),
  // A CIS-only rule (no control id) is left out.
  { ...f(OURS('us-east-1'), 'X', 'us-east-1', 'AwsAccount', `AWS::::Account:${ACCOUNT}`, 'FAILED'), Compliance: { Status: 'FAILED' as const } },
];

const securityHub: AwsSecurityFinding[] = [
  // IAM.9 in three Regions, one of them FAILED, the account as its root ARN: one row, FAILED, agrees.
  f(SH('us-east-1'), 'IAM.9', 'us-east-1', 'AwsAccount', `AWS::::Account:${ACCOUNT}`, 'PASSED'),
  f(SH('eu-west-1'), 'IAM.9', 'eu-west-1', 'AwsAccount', `arn:aws:iam::${ACCOUNT}:root`, 'FAILED', 'ROOT_NO_MFA'),
  f(SH('ap-southeast-2'), 'IAM.9', 'ap-southeast-2', 'AwsAccount', ACCOUNT, 'PASSED'),
  f(SH('eu-west-1'), 'EC2.2', 'eu-west-1', 'AwsEc2SecurityGroup', `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-1`, 'FAILED'),
  f(SH('eu-west-1'), 'EC2.2', 'eu-west-1', 'AwsEc2SecurityGroup', ` arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-2 `, 'FAILED', 'DEFAULT_SG_HAS_RULES'),
  f(SH('eu-west-1'), 'EC2.2', 'eu-west-1', 'AwsEc2SecurityGroup', `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-9`, 'PASSED'),
  // The bucket named bare, reported from another Region: still the same resource.
  f(SH('eu-west-1'), 'S3.5', 'eu-west-1', 'AwsS3Bucket', 'acme-logs', 'FAILED'),
  // Out of scope: a control hubcheck did not run, another account, an unscanned Region, another product, an archived finding.
  f(SH('us-east-1'), 'GuardDuty.1', 'us-east-1', 'AwsAccount', `AWS::::Account:${ACCOUNT}`, 'FAILED'),
  f(SH('us-east-1'), 'IAM.9', 'us-east-1', 'AwsAccount', 'AWS::::Account:999999999999', 'FAILED', undefined, '999999999999'),
  f(SH('sa-east-1'), 'EC2.2', 'sa-east-1', 'AwsEc2SecurityGroup', `arn:aws:ec2:sa-east-1:${ACCOUNT}:security-group/sg-7`, 'FAILED'),
  f('arn:aws:securityhub:us-east-1::product/aws/guardduty', 'EC2.2', 'eu-west-1', 'AwsEc2SecurityGroup', `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-3`, 'FAILED'),
  { ...f(SH('eu-west-1'), 'EC2.2', 'eu-west-1', 'AwsEc2SecurityGroup', `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-8`, 'FAILED'), RecordState: 'ARCHIVED' as const },
];

describe('parity', () => {
  it('sorts every (control, account, Region, resource) into one of four categories', () => {
    const report = parity(hubcheck, securityHub);
    const rows = report.rows.map((r) => [r.control, r.resource.replace(/.*security-group\//, ''), r.category, r.hubcheck ?? '-', r.securityHub ?? '-', r.securityHubReason ?? '-']);
    expect(rows).toEqual([
      ['EC2.2', 'sg-1', 'agree', 'FAILED', 'FAILED', '-'],
      ['EC2.2', 'sg-2', 'disagree', 'PASSED', 'FAILED', 'DEFAULT_SG_HAS_RULES'],
      ['EC2.2', 'sg-3', 'only-hubcheck', 'PASSED', '-', '-'],
      ['EC2.2', 'sg-9', 'only-securityhub', '-', 'PASSED', '-'],
      ['IAM.9', `account:${ACCOUNT}`, 'agree', 'FAILED', 'FAILED', 'ROOT_NO_MFA'],
      ['S3.5', 'arn:aws:s3:::acme-logs', 'agree', 'FAILED', 'FAILED', '-'],
    ]);
    expect(report.counts).toEqual({ agree: 3, 'only-hubcheck': 1, 'only-securityhub': 1, disagree: 1 });
    expect(report.controls).toEqual(['EC2.2', 'IAM.9', 'S3.5']);
  });

  it('normalises resource ids and the Region part of the key', () => {
    expect(normaliseResourceId(`AWS::::Account:${ACCOUNT}`)).toBe(`account:${ACCOUNT}`);
    expect(normaliseResourceId(`arn:aws:iam::${ACCOUNT}:root`)).toBe(`account:${ACCOUNT}`);
    expect(normaliseResourceId(ACCOUNT, 'AwsAccount')).toBe(`account:${ACCOUNT}`);
    expect(normaliseResourceId(ACCOUNT, 'Other')).toBe(ACCOUNT);
    expect(normaliseResourceId('logs', 'AwsS3Bucket', 'aws-cn')).toBe('arn:aws-cn:s3:::logs');
    expect(normaliseResourceId('payments-api', 'Other')).toBe('payments-api');
    expect(matchRegion('IAM.9', `account:${ACCOUNT}`, 'eu-west-1')).toBe('');
    expect(matchRegion('S3.5', 'arn:aws:s3:::b', 'eu-west-1')).toBe('');
    expect(matchRegion('IAM.5', `arn:aws:iam::${ACCOUNT}:user/u`, 'eu-west-1')).toBe('');
    expect(matchRegion('EC2.2', `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-1`, 'eu-west-1')).toBe('eu-west-1');
    expect(matchRegion('Config.1', `account:${ACCOUNT}`, 'eu-west-1')).toBe('eu-west-1');
  });

  it('prints the differences as a table, and every row as JSON', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parity-'));
    writeFileSync(path.join(dir, 'ours.json'), JSON.stringify(hubcheck));
    writeFileSync(path.join(dir, 'theirs.json'), JSON.stringify(securityHub));
    const text = await cli(['parity', path.join(dir, 'ours.json'), '--securityhub', path.join(dir, 'theirs.json')]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Parity with Security Hub over 3 controls: 3 both agree, 1 only hubcheck, 1 only Security Hub, 1 disagree');
    expect(text.stdout).toMatch(/EC2\.2 +disagree +PASSED +FAILED \(DEFAULT_SG_HAS_RULES\) +123456789012 +eu-west-1 +arn:aws:ec2:eu-west-1:123456789012:security-group\/sg-2/);
    expect(text.stdout).not.toMatch(/both agree +FAILED/);
    const json = await cli(['parity', path.join(dir, 'ours.json'), '--securityhub', path.join(dir, 'theirs.json'), '--json']);
    expect((JSON.parse(json.stdout) as { rows: unknown[] }).rows).toHaveLength(6);
  });
});
