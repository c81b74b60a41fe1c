/**
 * The shared logic of EFS.1 (periodic, Config rule efs-encrypted-check) and
 * EFS.8 (change-triggered, efs-filesystem-ct-encrypted): a file system FAILS
 * when `Encrypted` is false. Security Hub sets no KMS key parameter for either,
 * so the key is reported as evidence, never compared.
 */
import { fail, pass, type ReasonCodes, type RuleContext, type RuleResult, type RemediationSteps } from '../../src/engine/rule.js';
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

/** The fix of both EFS encryption rules: a new encrypted file system (encryption cannot be turned on in place). */
export const EFS_ENCRYPTION_STEPS: RemediationSteps = {
  change: 'Encryption at rest is chosen when a file system is created: create an encrypted one with a KMS key (in the same Region), copy the data over (for example with AWS DataSync), move clients to it, then delete the old one.',
  cli: ['aws efs create-file-system --region {{region}} --creation-token {{resource}}-encrypted --encrypted --kms-key-id {{kmsKey}} --tags Key=Name,Value={{resource}}-encrypted'],
  cloudformation: `EncryptedFileSystem:
  Type: AWS::EFS::FileSystem
  Properties:
    Encrypted: true
    KmsKeyId: "{{kmsKey}}"
`,
  terraform: `resource "aws_efs_file_system" "encrypted" {
  creation_token = "{{resource}}-encrypted"
  encrypted      = true
  kms_key_id     = "{{kmsKey}}"
}
`,
  inputs: { kmsKey: { default: 'arn:{{partition}}:kms:{{region}}:{{account}}:alias/aws/elasticfilesystem', means: 'The KMS key (ARN or alias ARN) that encrypts the new file system.' } },
};
