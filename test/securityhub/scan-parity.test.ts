/**
 * `scan --parity`: Security Hub's control findings read per account with its
 * own session (aws-sdk-client-mock, the account taken from the credentials),
 * compared with the scan's findings; an unreadable account is named and left
 * out; the table reaches the HTML report.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { fail, pass } from '../../src/engine/rule.js';
import type { AccountScan } from '../../src/engine/scan.js';
import { scanParity } from '../../src/securityhub/scan-parity.js';
import { htmlReport } from '../../reports/html.js';
import { accountScan, awsError, evaluation, findingsOf, testRule } from '../helpers/securityhub.js';

const A = '111111111111';
const D = '444444444444';
const rule = { ...testRule('test-default-sg', 'region'), securityHubControlId: 'EC2.2' };
const sgArn = (account: string, id: string) => `arn:aws:ec2:eu-west-1:${account}:security-group/${id}`;
const sg = (account: string, id: string) => ({ type: 'AwsEc2SecurityGroup', id: sgArn(account, id), name: id });

function scanOf(account: string): AccountScan {
  const scan = accountScan([evaluation(rule, 'eu-west-1', [fail(sg(account, 'sg-1'), 'open'), pass(sg(account, 'sg-2'), 'closed')], account)], [], ['eu-west-1']);
  return { ...scan, identity: { ...scan.identity, account } };
}

function control(account: string, id: string, status: 'PASSED' | 'FAILED', reason?: string): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:securityhub:eu-west-1:${account}:security-control/EC2.2/finding/${id}`,
    ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/securityhub',
    ProductName: 'Security Hub',
    GeneratorId: 'security-control/EC2.2',
    AwsAccountId: account,
    CreatedAt: '2026-12-01T00:00:00Z',
    UpdatedAt: '2026-12-01T00:00:00Z',
    Title: 'EC2.2',
    Description: 'EC2.2',
    Resources: [{ Type: 'AwsEc2SecurityGroup', Id: sgArn(account, id), Region: 'eu-west-1' }],
    Compliance: { Status: status, SecurityControlId: 'EC2.2', ...(reason ? { StatusReasons: [{ ReasonCode: reason }] } : {}) },
    RecordState: 'ACTIVE',
  };
}

afterEach(() => mockClient(SecurityHubClient).restore());

describe('scan --parity', () => {
  it("compares each account with its own Security Hub, names the one it cannot read, and leaves that account's findings out", async () => {
    const asked: string[] = [];
    mockClient(SecurityHubClient)
      .on(GetFindingsCommand)
      .callsFake(async (_input, getClient) => {
        const client = getClient() as SecurityHubClient;
        const account = (await client.config.credentials()).accessKeyId;
        asked.push(`${account} ${await client.config.region()}`);
        if (account === D) throw awsError('AccessDeniedException', 403, 'not authorized to perform: securityhub:GetFindings');
        return { Findings: [control(A, 'sg-1', 'FAILED'), control(A, 'sg-2', 'FAILED', 'DEFAULT_SG_HAS_RULES'), control(A, 'sg-9', 'PASSED')] };
      });
    const scans = [scanOf(A), scanOf(D)];
    const session = (account: string) => async () => ({ accessKeyId: account, secretAccessKey: 's' });
    const record = await scanParity({
      findings: findingsOf(scans),
      scans,
      homeRegion: 'us-east-1',
      observedAt: '2026-12-01T00:00:00Z',
      regions: ['eu-west-1'],
      sessions: new Map([A, D].map((a) => [a, session(a)])),
    }, { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });

    expect(asked.sort()).toEqual([`${A} eu-west-1`, `${D} eu-west-1`]);
    expect(record.errors).toEqual([`account ${D}: AccessDeniedException: not authorized to perform: securityhub:GetFindings`]);
    expect(record.counts).toEqual({ agree: 1, 'only-hubcheck': 0, 'only-securityhub': 1, disagree: 1 });
    expect(record.rows.find((r) => r.category === 'disagree')).toMatchObject({
      account: A,
      resource: sgArn(A, 'sg-2'),
      hubcheck: 'PASSED',
      securityHub: 'FAILED',
      securityHubReason: 'DEFAULT_SG_HAS_RULES',
    });
    expect(record.rows.every((r) => r.account === A)).toBe(true);

    const html = htmlReport(findingsOf(scans), { parity: record });
    expect(html).toContain('<section id="parity"><h2>Parity with Security Hub</h2>');
    expect(html.match(/<tr class="parity-row" data-category="[a-z-]+">/g)).toHaveLength(2);
    expect(html).toContain('<div class="card" data-parity="disagree"><div class="label">disagree</div><div class="big">1</div></div>');
    expect(html).toContain(`<ul id="parity-errors"><li>account ${D}: AccessDeniedException`);
    expect(htmlReport(findingsOf(scans), {})).not.toContain('id="parity"');
  });
});
