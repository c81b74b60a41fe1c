import { describe, expect, it } from 'vitest';
import rule from '../../../rules/efs/efs-filesystem-encrypted-at-rest.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { fileSystem } from './fixtures.js';

const run = ruleHarness(rule);

describe('efs-filesystem-encrypted-at-rest (EFS.8)', () => {
  it('fails file systems that are not encrypted at rest, whatever the KMS key of the others', async () => {
    const { results, findings } = await run({
      'efs.fileSystems': [
        fileSystem('fs-default-key', { KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:alias/aws/elasticfilesystem' }),
        fileSystem('fs-own-key', { Name: 'shared', KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1', Tags: [{ Key: 'Name', Value: 'shared' }] }),
        fileSystem('fs-plain', { Encrypted: false }),
        fileSystem('fs-unknown', { Encrypted: undefined }),
      ],
    });
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['fs-default-key', 'PASSED'],
      ['shared (fs-own-key)', 'PASSED'],
      ['fs-plain', 'FAILED'],
      ['fs-unknown', 'NOT_AVAILABLE'],
    ]);
    expect(results[2]).toMatchObject({ reason: 'EFS file system fs-plain is not encrypted at rest.', evidence: { Encrypted: false, KmsKeyId: null } });
    expect(findings[2]).toMatchObject({
      Resources: [{ Type: 'AwsEfsFileSystem', Id: 'arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-plain' }],
      Compliance: { SecurityControlId: 'EFS.8' },
    });
  });

  it('is NOT_AVAILABLE when the file systems cannot be listed', async () => {
    const { results } = await run({ 'efs.fileSystems': denied('elasticfilesystem:DescribeFileSystems') });
    expect(results).toMatchObject([{ status: 'NOT_AVAILABLE', reason: 'Missing permission elasticfilesystem:DescribeFileSystems (AccessDenied)' }]);
  });

  it('belongs to CIS v5.0.0 2.3.1 only', async () => {
    const { findings } = await run({ 'efs.fileSystems': [fileSystem('fs-1')] }, { benchmarks: ['3.0.0', '5.0.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/2.3.1']);
  });
});
