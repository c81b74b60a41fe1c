/** The test table both EFS encryption rules share (EFS.1 and EFS.8 judge the same field through rules/lib/efs-encryption.ts). */
import { expect } from 'vitest';
import type { Rule } from '../../../src/engine/rule.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import type { RuleCases } from '../../helpers/rule-tester.js';
import { fileSystem } from './fixtures.js';

export const FS_ARN = (id: string) => `arn:aws:elasticfilesystem:us-east-1:${TEST_ACCOUNT}:file-system/${id}`;

export function efsEncryptionCases(rule: Rule, extra: Partial<RuleCases> = {}): RuleCases {
  return {
    passed: [
      {
        name: 'an encrypted file system passes',
        fixture: { 'efs.fileSystems': [fileSystem('fs-1')] },
        results: { resource: FS_ARN('fs-1'), reasonCode: 'EFS_ENCRYPTED', reason: 'EFS file system fs-1 is encrypted at rest.' },
      },
      ...(extra.passed ?? []),
    ],
    failed: [
      {
        name: 'unencrypted file systems fail, whatever the KMS key of the others',
        fixture: {
          'efs.fileSystems': [
            fileSystem('fs-default-key', { KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:alias/aws/elasticfilesystem' }),
            fileSystem('fs-own-key', { Name: 'shared', KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1', Tags: [{ Key: 'Name', Value: 'shared' }] }),
            fileSystem('fs-plain', { Encrypted: false }),
          ],
        },
        results: [
          { status: 'PASSED', resource: FS_ARN('fs-default-key'), reasonCode: 'EFS_ENCRYPTED' },
          { status: 'PASSED', resource: FS_ARN('fs-own-key'), reasonCode: 'EFS_ENCRYPTED', reason: 'EFS file system shared (fs-own-key) is encrypted at rest.' },
          {
            resource: FS_ARN('fs-plain'),
            reasonCode: 'EFS_NOT_ENCRYPTED',
            reason: 'EFS file system fs-plain is not encrypted at rest.',
            evidence: { Encrypted: false, KmsKeyId: null },
          },
        ],
        check: ({ findings }) =>
          expect(findings[2]).toMatchObject({
            Resources: [{ Type: 'AwsEfsFileSystem', Id: FS_ARN('fs-plain') }],
            Compliance: { Status: 'FAILED', SecurityControlId: rule.securityHubControlId },
          }),
      },
      ...(extra.failed ?? []),
    ],
    notAvailable: [
      {
        name: 'Encrypted not reported: the rule cannot tell',
        fixture: { 'efs.fileSystems': [fileSystem('fs-unknown', { Encrypted: undefined })] },
        results: {
          resource: FS_ARN('fs-unknown'),
          reasonCode: 'FIELD_NOT_REPORTED',
          reason: 'elasticfilesystem:DescribeFileSystems did not report Encrypted for fs-unknown.',
          evidence: { field: 'Encrypted' },
        },
      },
      {
        name: 'the file systems cannot be listed',
        fixture: { 'efs.fileSystems': denied('elasticfilesystem:DescribeFileSystems') },
        results: {
          resource: `AWS::::Account:${TEST_ACCOUNT}`,
          reasonCode: 'ACCESS_DENIED',
          action: 'elasticfilesystem:DescribeFileSystems',
          reason: 'Missing permission elasticfilesystem:DescribeFileSystems (AccessDenied)',
        },
      },
      ...(extra.notAvailable ?? []),
    ],
  };
}
