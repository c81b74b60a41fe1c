/**
 * `scan --accounts ... --role-name ... --securityhub` against moto: three
 * accounts reached by AssumeRole, Security Hub enabled in two of them. Each of
 * the two gets exactly its own findings in its own Security Hub, Region by
 * Region (read back with that account's credentials); the third is named, its
 * findings are spooled to unsent.asff.json, the run exits 3; a second run adds
 * no duplicates.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { EnableSecurityHubCommand, GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { DUMMY, MOTO_URL, ACCOUNT, describeMoto, resetMoto, runCli } from './moto.js';

const A = '111111111111';
const B = '222222222222';
const OFF = '333333333333';
const REGIONS = ['us-east-1', 'eu-west-1'];

/** A Security Hub client acting in `account` through an assumed role, as hubcheck's own would. */
function hubOf(account: string, region: string): SecurityHubClient {
  const credentials = fromTemporaryCredentials({
    params: { RoleArn: `arn:aws:iam::${account}:role/Audit`, RoleSessionName: 'check' },
    masterCredentials: DUMMY,
    clientConfig: { region, endpoint: MOTO_URL },
  });
  return new SecurityHubClient({ region, credentials, endpoint: MOTO_URL, maxAttempts: 1 });
}

async function stored(account: string, region: string): Promise<AwsSecurityFinding[]> {
  const hub = account === ACCOUNT ? new SecurityHubClient({ region, credentials: DUMMY, endpoint: MOTO_URL }) : hubOf(account, region);
  const all: AwsSecurityFinding[] = [];
  let NextToken: string | undefined;
  do {
    const page = await hub.send(new GetFindingsCommand({ MaxResults: 100, NextToken }));
    all.push(...(page.Findings ?? []));
    NextToken = page.NextToken || undefined;
  } while (NextToken);
  return all;
}

interface PushRecord {
  complete: boolean;
  unsent: number;
  accounts: { account: string; sent: number; failed: number; regions: { region: string; state: string; sent: number; failed: number }[] }[];
}

describeMoto('scan --accounts --securityhub: each account into its own Security Hub', () => {
  let dir = '';

  beforeAll(async () => {
    await resetMoto();
    dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-org-push-'));
    for (const account of [A, B]) for (const region of REGIONS) await hubOf(account, region).send(new EnableSecurityHubCommand({}));
  });

  const scan = async (out: string) => {
    const outputDir = path.join(dir, out);
    const result = await runCli([
      'scan',
      '--accounts',
      `${A},${B},${OFF}`,
      '--role-name',
      'Audit',
      '--regions',
      REGIONS.join(','),
      '--rules',
      'IAM.15,EC2.7',
      '--securityhub',
      '--fail-on',
      'none',
      '--no-progress',
      '--output-dir',
      outputDir,
    ]);
    const findings = JSON.parse(await readFile(path.join(outputDir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
    const document = JSON.parse(await readFile(path.join(outputDir, 'scan.json'), 'utf8')) as { securityhub: PushRecord };
    return { ...result, outputDir, findings, document };
  };

  const ids = (findings: AwsSecurityFinding[]) => findings.map((f) => f.Id ?? '').sort();
  const of = (findings: AwsSecurityFinding[], account: string, region: string) =>
    findings.filter((f) => f.AwsAccountId === account && f.ProductArn?.includes(`:${region}:${account}:`));

  it('lands every finding of the two enabled accounts in their own hub once, names the third, spools its findings and exits 3; a second run adds nothing', async () => {
    const first = await scan('first');
    expect(first.code).toBe(3);
    expect(new Set(first.findings.map((f) => f.AwsAccountId))).toEqual(new Set([A, B, OFF]));

    for (const account of [A, B]) {
      for (const region of REGIONS) {
        const own = of(first.findings, account, region);
        expect(own.length, `${account} ${region}`).toBeGreaterThan(0);
        const inHub = await stored(account, region);
        expect(ids(inHub), `${account} ${region}`).toEqual(ids(own));
        expect(first.stderr).toMatch(new RegExp(`Security Hub ${account} ${region}: sent ${own.length}, failed 0, archived 0, resolved 0`));
      }
    }
    for (const region of REGIONS) {
      expect(await stored(OFF, region)).toEqual([]);
      expect(await stored(ACCOUNT, region)).toEqual([]);
      expect(first.stderr).toContain(`Security Hub is not enabled in ${region} for account ${OFF} (InvalidAccessException`);
    }
    const offFindings = first.findings.filter((f) => f.AwsAccountId === OFF);
    expect(first.stderr).toContain(`Security Hub: account ${OFF}: ${offFindings.length} findings not sent (Security Hub not enabled in eu-west-1, us-east-1)`);
    const unsent = JSON.parse(await readFile(path.join(first.outputDir, 'unsent.asff.json'), 'utf8')) as AwsSecurityFinding[];
    expect(ids(unsent)).toEqual(ids(offFindings));

    // scan.json: per account and Region, and unsent.asff.json is part of the published set.
    const record = first.document.securityhub;
    expect(record).toMatchObject({ complete: false, unsent: offFindings.length });
    expect(record.accounts.map((a) => [a.account, a.sent, a.failed])).toEqual([
      [A, first.findings.filter((f) => f.AwsAccountId === A).length, 0],
      [B, first.findings.filter((f) => f.AwsAccountId === B).length, 0],
      [OFF, 0, offFindings.length],
    ]);
    expect(record.accounts[2]?.regions.map((r) => r.state)).toEqual(['not-enabled', 'not-enabled']);
    const manifest = JSON.parse(await readFile(path.join(first.outputDir, '.hubcheck-set.json'), 'utf8')) as { files: { name: string }[] };
    expect(manifest.files.map((f) => f.name)).toContain('unsent.asff.json');

    const second = await scan('second');
    expect(second.code).toBe(3);
    for (const account of [A, B]) {
      for (const region of REGIONS) {
        const inHub = await stored(account, region);
        expect(ids(inHub), `${account} ${region} after the second run`).toEqual(ids(of(second.findings, account, region)));
        expect(inHub.every((f) => f.RecordState === 'ACTIVE')).toBe(true);
      }
    }
  }, 120_000);

  it('imports a suppressed finding into moto, then reports and spools the workflow change moto cannot make (no BatchUpdateFindings there)', async () => {
    const out = path.join(dir, 'suppressed');
    const file = path.join(dir, 'suppressions.yaml');
    await writeFile(file, 'suppressions:\n  - rule: IAM.15\n    reason: Password policy managed by SSO\n    owner: iam@example.com\n    expires: 2999-01-01\n');
    const result = await runCli(
      ['scan', '--accounts', A, '--role-name', 'Audit', '--regions', 'us-east-1', '--rules', 'IAM.15', '--suppressions', file, '--securityhub', '--fail-on', 'none', '--no-progress', '--output-dir', out],
    );
    expect(result.code).toBe(3);
    const findings = JSON.parse(await readFile(path.join(out, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
    const suppressed = findings.filter((f) => f.Workflow?.Status === 'SUPPRESSED');
    expect(suppressed).toHaveLength(1);
    const id = suppressed[0]!.Id!;
    // The import part: the finding is in A's hub (without the local Workflow, which is never imported).
    const inHub = (await stored(A, 'us-east-1')).find((f) => f.Id === id);
    expect(inHub?.Compliance?.Status).toBe('FAILED');
    expect(inHub?.Workflow).toBeUndefined();
    expect(result.stderr).toMatch(new RegExp(`Security Hub us-east-1: workflow of ${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} not set to SUPPRESSED: `));
    expect(result.stderr).toContain('workflow: suppressed 0, reopened 0, left alone 0 (set by a person), failed 1');
    const spooled = JSON.parse(await readFile(path.join(out, 'unsent-workflow.json'), 'utf8')) as { FindingIdentifiers: { Id: string }[]; Workflow: { Status: string } }[];
    expect(spooled.map((r) => [r.Workflow.Status, r.FindingIdentifiers.map((f) => f.Id)])).toEqual([['SUPPRESSED', [id]]]);
    const document = JSON.parse(await readFile(path.join(out, 'scan.json'), 'utf8')) as { securityhub: { complete: boolean; unsent: number; workflowUnsent: number } };
    expect(document.securityhub).toMatchObject({ complete: false, unsent: 0, workflowUnsent: 1 });
  }, 60_000);
});
