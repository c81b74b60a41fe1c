import { expect } from 'vitest';
import rule from '../../../rules/efs/efs-filesystem-kms-encrypted.js';
import { testRule } from '../../helpers/rule-tester.js';
import { efsEncryptionCases, FS_ARN } from './efs-encryption.table.js';
import { fileSystem } from './fixtures.js';

testRule(
  rule,
  efsEncryptionCases(rule, {
    passed: [
      {
        name: 'maps to CIS v3.0.0 2.4.1 and v5.0.0 2.3.1',
        fixture: { 'efs.fileSystems': [fileSystem('fs-1')] },
        options: { benchmarks: ['3.0.0', '5.0.0'] },
        results: { resource: FS_ARN('fs-1'), reasonCode: 'EFS_ENCRYPTED' },
        check: ({ findings }) =>
          expect(findings[0]?.Compliance?.RelatedRequirements).toEqual([
            'CIS AWS Foundations Benchmark v3.0.0/2.4.1',
            'CIS AWS Foundations Benchmark v5.0.0/2.3.1',
          ]),
      },
    ],
    failed: [
      {
        name: 'an unencrypted file system is reported under EFS.1',
        fixture: { 'efs.fileSystems': [fileSystem('fs-plain', { Encrypted: false })] },
        results: { resource: FS_ARN('fs-plain'), reasonCode: 'EFS_NOT_ENCRYPTED' },
        check: ({ findings }) => expect(findings).toMatchObject([{ Compliance: { Status: 'FAILED', SecurityControlId: 'EFS.1' } }]),
      },
    ],
  }),
);
