/**
 * Security Hub as a source, against moto: findings of other products (a
 * GuardDuty-shaped one and a custom one) are pulled, filtered with the insight
 * language (moto ignores GetFindings filters, hubcheck applies them itself),
 * rendered in every report format, and grouped by `insights` alike from the
 * pulled file and from Security Hub directly.
 */
import { readdir, readFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { ACCOUNT, client, describeMoto, resetMoto, runCli } from './moto.js';

const NOW = '2026-12-01T10:00:00.000Z';
const guardDuty: AwsSecurityFinding = {
  SchemaVersion: '2018-10-08',
  Id: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/d1/finding/f1`,
  ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
  GeneratorId: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/d1`,
  AwsAccountId: ACCOUNT,
  Types: ['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
  CreatedAt: NOW,
  UpdatedAt: NOW,
  Severity: { Label: 'MEDIUM', Normalized: 40 },
  Title: 'Unprotected port on EC2 instance i-0abc is being probed',
  Description: 'EC2 instance has an unprotected port which is being probed by a known malicious host.',
  Resources: [{ Type: 'AwsEc2Instance', Id: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`, Region: 'us-east-1', Partition: 'aws' }],
  RecordState: 'ACTIVE',
};
const custom: AwsSecurityFinding = {
  SchemaVersion: '2018-10-08',
  Id: 'acme-pentest-2026-007',
  ProductArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`,
  GeneratorId: 'acme-pentest',
  AwsAccountId: ACCOUNT,
  Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
  CreatedAt: NOW,
  UpdatedAt: NOW,
  Severity: { Label: 'HIGH' },
  Title: 'Outdated TLS library on the <b>payments</b> API',
  Description: 'Found during the November penetration test.',
  Resources: [{ Type: 'Other', Id: 'payments-api', Region: 'us-east-1' }],
  RecordState: 'ACTIVE',
};

describeMoto('hubcheck pull: Security Hub as a source', () => {
  let dir = '';

  beforeAll(async () => {
    await resetMoto();
    dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-pull-'));
    const out = await client(SecurityHubClient, 'us-east-1').send(new BatchImportFindingsCommand({ Findings: [guardDuty, custom] }));
    expect(out.FailedCount).toBe(0);
  });

  it('pulls every product, and only what the filters select', async () => {
    const all = path.join(dir, 'all.json');
    const everything = await runCli(['pull', '--regions', 'us-east-1', '--output', all]);
    expect(everything.code, everything.stderr).toBe(0);
    expect(everything.stderr).toContain('pulled 2 findings of 2 product(s) from us-east-1');
    const pulled = JSON.parse(await readFile(all, 'utf8')) as AwsSecurityFinding[];
    expect(pulled.map((f) => f.Id).sort()).toEqual([custom.Id, guardDuty.Id].sort());

    const filters = path.join(dir, 'filters.json');
    await writeFile(filters, JSON.stringify({ ProductArn: [{ Comparison: 'EQUALS', Value: guardDuty.ProductArn }] }));
    const only = path.join(dir, 'guardduty.json');
    const filtered = await runCli(['pull', '--regions', 'us-east-1', '--filters', filters, '--output', only]);
    expect(filtered.code, filtered.stderr).toBe(0);
    expect((JSON.parse(await readFile(only, 'utf8')) as AwsSecurityFinding[]).map((f) => f.Id)).toEqual([guardDuty.Id]);
  });

  it('falls back to the home Region, saying why, when no aggregator can be read', async () => {
    const out = path.join(dir, 'home.json');
    const result = await runCli(['pull', '--home-region', 'us-east-1', '--output', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/pulled 2 findings of 2 product\(s\) from us-east-1 \(.*aggregator.*\)/);
  });

  it('renders the pulled findings in every report format, escaping what other products wrote', async () => {
    const file = path.join(dir, 'all.json');
    const out = await mkdtemp(path.join(tmpdir(), 'hubcheck-pull-report-'));
    const result = await runCli(['report', file, '--output-dir', out]);
    expect(result.code, result.stderr).toBe(0);
    const files = await readdir(out);
    for (const f of ['report.html', 'findings.csv', 'junit.xml', 'summary.md', 'findings.ocsf.json']) expect(files).toContain(f);
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('payments-api');
    expect(html).not.toContain('<b>payments</b>');
    const csv = await readFile(path.join(out, 'findings.csv'), 'utf8');
    expect(csv).toContain(guardDuty.Resources![0]!.Id);
  });

  it('gives the same insight groups on the pulled file as on Security Hub directly', async () => {
    const file = path.join(dir, 'all.json');
    const fromFile = await runCli(['insights', file, '--group-by', 'SeverityLabel', '--json']);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const live = await runCli(['insights', '--from-securityhub', '--region', 'us-east-1', '--group-by', 'SeverityLabel', '--json']);
    expect(live.code, live.stderr).toBe(0);
    const groups = (out: string) => (JSON.parse(out) as { ResultValues: unknown }).ResultValues;
    expect(groups(live.stdout)).toEqual(groups(fromFile.stdout));
    expect(JSON.stringify(groups(fromFile.stdout))).toContain('MEDIUM');
  });
});
