/**
 * `scan --parity` against moto: a Security Hub control finding (seeded by
 * BatchImportFindings, as moto has no standards) that disagrees with hubcheck
 * on the same control and resource shows up in scan.json and report.html.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { client, describeMoto, resetMoto, runCli } from './moto.js';

describeMoto('scan --parity', () => {
  let dir = '';
  beforeAll(async () => {
    await resetMoto();
    dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-parity-'));
  });

  const scan = (out: string, extra: string[] = []) =>
    runCli(['scan', '--regions', 'us-east-1', '--rules', 'EC2.7', '--fail-on', 'none', '--no-progress', '--format', 'html', '--output-dir', path.join(dir, out), ...extra]);

  it("puts a disagreement with Security Hub's own control finding in scan.json and report.html", async () => {
    expect((await scan('plain')).code).toBe(0);
    const ours = (JSON.parse(await readFile(path.join(dir, 'plain', 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[]).find(
      (f) => f.Compliance?.SecurityControlId === 'EC2.7',
    )!;
    expect(ours.Compliance?.Status).toBe('FAILED');
    const theirs: AwsSecurityFinding = {
      ...ours,
      Id: 'arn:aws:securityhub:us-east-1:123456789012:security-control/EC2.7/finding/abc',
      ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub',
      ProductName: 'Security Hub',
      GeneratorId: 'security-control/EC2.7',
      Compliance: { Status: 'PASSED', SecurityControlId: 'EC2.7', StatusReasons: [{ ReasonCode: 'CONFIG_EVALUATIONS_EMPTY' }] },
      ProductFields: {},
    };
    const imported = await client(SecurityHubClient).send(new BatchImportFindingsCommand({ Findings: [theirs] }));
    expect(imported.SuccessCount).toBe(1);

    const result = await scan('parity', ['--parity']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('hubcheck: parity with Security Hub over 1 controls: 0 both agree, 0 only hubcheck, 0 only Security Hub, 1 disagree');
    const document = JSON.parse(await readFile(path.join(dir, 'parity', 'scan.json'), 'utf8'));
    expect(document.parity.counts).toEqual({ agree: 0, 'only-hubcheck': 0, 'only-securityhub': 0, disagree: 1 });
    expect(document.parity.rows[0]).toMatchObject({ control: 'EC2.7', hubcheck: 'FAILED', securityHub: 'PASSED', securityHubReason: 'CONFIG_EVALUATIONS_EMPTY' });
    const html = await readFile(path.join(dir, 'parity', 'report.html'), 'utf8');
    expect(html).toContain('<tr class="parity-row" data-category="disagree"><td>EC2.7</td>');
    // Without --parity there is no table.
    expect(JSON.parse(await readFile(path.join(dir, 'plain', 'scan.json'), 'utf8')).parity).toBeUndefined();
  }, 60_000);
});
