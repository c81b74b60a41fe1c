import { describe, expect, it } from 'vitest';
import atRest from '../../../rules/efs/efs-filesystem-encrypted-at-rest.js';
import kmsEncrypted from '../../../rules/efs/efs-filesystem-kms-encrypted.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { fileSystem } from '../efs/fixtures.js';

// EFS.1 and EFS.8 judge the same field; both rules share rules/lib/efs-encryption.ts.
describe.each([kmsEncrypted, atRest])('EFS encryption at rest: $id ($securityHubControlId)', (rule) => {
  const run = ruleHarness(rule);

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
      Compliance: { SecurityControlId: rule.securityHubControlId },
    });
  });

  it('is NOT_AVAILABLE when the file systems cannot be listed', async () => {
    const { results } = await run({ 'efs.fileSystems': denied('elasticfilesystem:DescribeFileSystems') });
    expect(results).toMatchObject([{ status: 'NOT_AVAILABLE', reason: 'Missing permission elasticfilesystem:DescribeFileSystems (AccessDenied)' }]);
  });
});
