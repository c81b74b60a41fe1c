/**
 * The shared logic of EFS.1 (periodic, Config rule efs-encrypted-check) and
 * EFS.8 (change-triggered, efs-filesystem-ct-encrypted): a file system FAILS
 * when `Encrypted` is false. Security Hub sets no KMS key parameter for either,
 * so the key is reported as evidence, never compared.
 */
import { fail, pass, type ReasonCodes, type RuleContext, type RuleResult } from '../../src/engine/rule.js';
import { FIELD_NOT_REPORTED_CODE, flagNotReported } from './rds.js';
import { efsFileSystemResource } from './resources.js';

/** The reason codes both EFS encryption rules declare. */
export const EFS_ENCRYPTION_REASON_CODES = {
  EFS_ENCRYPTED: 'The file system is encrypted at rest (with whichever KMS key).',
  EFS_NOT_ENCRYPTED: 'The file system is not encrypted at rest.',
  ...FIELD_NOT_REPORTED_CODE,
} as const satisfies ReasonCodes;

export async function evaluateEfsEncryption({ data, account, region, partition }: Pick<RuleContext, 'data' | 'account' | 'region' | 'partition'>): Promise<RuleResult[]> {
  const systems = await data.efs.fileSystems();
  return systems.map((fs) => {
    const resource = efsFileSystemResource(fs, partition, region, account);
    if (fs.Encrypted === undefined) return flagNotReported(resource, 'Encrypted', 'elasticfilesystem:DescribeFileSystems');
    const evidence = { Encrypted: fs.Encrypted, KmsKeyId: fs.KmsKeyId ?? null };
    return fs.Encrypted
      ? pass(resource, `EFS file system ${resource.name} is encrypted at rest.`, { reasonCode: 'EFS_ENCRYPTED', evidence })
      : fail(resource, `EFS file system ${resource.name} is not encrypted at rest.`, { reasonCode: 'EFS_NOT_ENCRYPTED', evidence });
  });
}
