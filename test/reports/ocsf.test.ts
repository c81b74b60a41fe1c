import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromOcsf, isOcsfComplianceFinding } from '../../src/asff/from-ocsf.js';
import type { OcsfComplianceFinding } from '../../src/asff/ocsf-schema.js';
import { findingViews } from '../../reports/model.js';
import { OCSF_FILE, ocsfReport, toOcsf } from '../../reports/ocsf.js';
import { cli } from '../helpers/cli.js';
import { ensureOcsfValidator, validateOcsf } from '../helpers/ocsf-validator.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ocsf-'));
let findings: AwsSecurityFinding[] = [];
let records: OcsfComplianceFinding[] = [];

beforeAll(async () => {
  const result = await cli(['demo', '--output-dir', dir, '--format', 'ocsf,md,csv', '--no-progress']);
  expect(result.code, result.stderr).toBe(0);
  findings = JSON.parse(readFileSync(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
  records = JSON.parse(readFileSync(path.join(dir, OCSF_FILE), 'utf8')) as OcsfComplianceFinding[];
}, 120_000);

const GUARDDUTY: AwsSecurityFinding = {
  SchemaVersion: '2018-10-08',
  Id: 'arn:aws:guardduty:us-east-1:123456789012:detector/d1/finding/f1',
  ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
  GeneratorId: 'arn:aws:guardduty:us-east-1:123456789012:detector/d1',
  AwsAccountId: '123456789012',
  Types: ['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
  CreatedAt: '2026-11-30T10:00:00.000Z',
  UpdatedAt: '2026-11-30T11:00:00.000Z',
  Severity: { Label: 'MEDIUM' },
  Title: 'Unprotected port on EC2 instance i-1 is being probed.',
  Description: 'EC2 instance has an unprotected port which is being probed by a known malicious host.',
  Resources: [{ Type: 'AwsEc2Instance', Id: 'arn:aws:ec2:us-east-1:123456789012:instance/i-1', Region: 'us-east-1', Partition: 'aws' }],
  RecordState: 'ACTIVE',
};

describe('--format ocsf', () => {
  it('writes one OCSF Compliance Finding (class 2003) per finding, with the same identity, status, severity and requirements', () => {
    expect(records).toHaveLength(findings.length);
    findings.forEach((f, i) => {
      const o = records[i]!;
      expect(o).toMatchObject({ class_uid: 2003, category_uid: 2, type_uid: 200301, metadata: { version: '1.1.0', uid: f.Id } });
      expect(o.finding_info.uid).toBe(f.Id);
      expect(o.cloud.account.uid).toBe(f.AwsAccountId);
      expect(o.resources[0]?.uid).toBe(f.Resources?.[0]?.Id);
      expect(o.compliance.requirements).toEqual(f.Compliance?.RelatedRequirements);
      expect(o.compliance.status).toBe({ PASSED: 'Pass', FAILED: 'Fail', WARNING: 'Warning', NOT_AVAILABLE: 'Unknown' }[f.Compliance!.Status!]);
      expect(o.severity).toBe(f.Severity!.Label!.charAt(0) + f.Severity!.Label!.slice(1).toLowerCase());
      expect(o.remediation?.references).toEqual([f.Remediation?.Recommendation?.Url]);
    });
    expect(records.filter((o) => o.compliance.status_id === 3).length).toBe(findings.filter((f) => f.Compliance?.Status === 'FAILED').length);
  });

  it('validates every record of the demo with an independent OCSF validator (py-ocsf-models)', (ctx) => {
    const missing = ensureOcsfValidator();
    if (missing && process.env.CI) throw new Error(missing);
    if (missing) ctx.skip(`the OCSF validator is not available here: ${missing}`);
    const verdict = validateOcsf([...records, toOcsf(GUARDDUTY)]);
    expect(verdict.errors).toEqual([]);
    expect(verdict.validated).toBe(records.length + 1);
  }, 240_000);

  it('reads back into the same findings: every report renders alike from the OCSF file', async () => {
    expect(records.every(isOcsfComplianceFinding)).toBe(true);
    expect(findingViews(records.map(fromOcsf))).toEqual(findingViews(findings));

    const out = mkdtempSync(path.join(tmpdir(), 'ocsf-report-'));
    const result = await cli(['report', path.join(dir, OCSF_FILE), '--format', 'md,csv,ocsf', '--output-dir', out, '--scan', path.join(dir, 'scan.json')]);
    expect(result.code, result.stderr).toBe(0);
    for (const file of ['summary.md', 'findings.csv', OCSF_FILE]) {
      expect(readFileSync(path.join(out, file), 'utf8'), file).toBe(readFileSync(path.join(dir, file), 'utf8'));
    }
  });

  it('renders findings of other products, with no Compliance section, and reads them back', () => {
    const [o] = JSON.parse(ocsfReport([GUARDDUTY])) as OcsfComplianceFinding[];
    expect(o).toMatchObject({
      severity_id: 3,
      compliance: { status_id: 0, status: 'Unknown' },
      finding_info: { uid: GUARDDUTY.Id, types: GUARDDUTY.Types },
      metadata: { product: { uid: GUARDDUTY.ProductArn } },
    });
    const back = fromOcsf(o!);
    expect(back).toMatchObject({ Id: GUARDDUTY.Id, ProductArn: GUARDDUTY.ProductArn, GeneratorId: GUARDDUTY.GeneratorId, Title: GUARDDUTY.Title, Severity: { Label: 'MEDIUM' } });
    expect(back.Resources).toEqual(GUARDDUTY.Resources);
  });
});
