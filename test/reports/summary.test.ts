/** The console summary's failing controls: counted as the findings say, from the pass the run's reports made. */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { reportModel } from '../../reports/model.js';
import { failingControls } from '../../reports/summary.js';
import { finding } from '../helpers/findings.js';

const findings: AwsSecurityFinding[] = [
  ...['a', 'b', 'c'].map((r) => finding({ rule: 'iam-root-mfa', control: 'IAM.9', severity: 'CRITICAL', resource: r })),
  ...['a', 'b', 'c', 'd'].map((r) => finding({ rule: 'ec2-default-sg-closed', control: 'EC2.2', severity: 'HIGH', resource: r })),
  finding({ rule: 'ec2-default-sg-closed', control: 'EC2.2', status: 'PASSED', resource: 'e' }),
  ...['a', 'b', 'c', 'd', 'e'].map((r) => finding({ rule: 's3-mfa-delete', control: 'S3.20', severity: 'LOW', resource: r })),
  finding({ rule: 'kms-rotation', control: 'KMS.4', status: 'PASSED', resource: 'k' }),
];

describe('failingControls', () => {
  it('lists each failing control with its failing resources, most severe first, then most resources', () => {
    expect(failingControls(findings).map((c) => [c.control, c.severity, c.resources, c.title])).toEqual([
      ['IAM.9', 'CRITICAL', 3, 'IAM.9 title'],
      ['EC2.2', 'HIGH', 4, 'EC2.2 title'],
      ['S3.20', 'LOW', 5, 'S3.20 title'],
    ]);
  });

  it('reads the findings no more once the reports made their pass over the same findings and delta', () => {
    let reads = 0;
    const source = {
      *[Symbol.iterator]() {
        reads++;
        yield* findings;
      },
    };
    reportModel(source, undefined);
    expect(reads).toBe(1);
    expect(failingControls(source, undefined).map((c) => c.control)).toEqual(['IAM.9', 'EC2.2', 'S3.20']);
    expect(reads).toBe(1);
  });
});
