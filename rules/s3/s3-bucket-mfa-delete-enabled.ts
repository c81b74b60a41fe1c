import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, defineRule, fail, pass, unavailable } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { evaluateBucketsInRegion } from '../lib/s3.js';

export default defineRule({
  id: 's3-bucket-mfa-delete-enabled',
  title: 'S3 general purpose buckets should have MFA delete enabled',
  securityHubControlId: 'S3.20',
  severity: 'LOW',
  cis: { '1.4.0': '2.1.3', '3.0.0': '2.1.2', '5.0.0': '2.1.2', '6.0.0': '3.1.2', '7.0.0': '3.1.2' },
  scope: 'region',
  resourceType: 'AwsS3Bucket',
  requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketLocation', 's3:GetLifecycleConfiguration', 's3:GetBucketVersioning'],
  reasonCodes: {
    MFA_DELETE_ENABLED: 'The bucket has versioning with MFA Delete enabled.',
    MFA_DELETE_DISABLED: 'The bucket is versioned but MFA Delete is not enabled.',
    VERSIONING_DISABLED: 'The bucket is not versioned, so MFA Delete is off.',
  },
  remediation: withSteps('s3-bucket-mfa-delete-enabled', securityHubRemediation(
    'S3.20',
    'As the root user with its MFA device, turn on versioning with MFA Delete (aws s3api put-bucket-versioning --mfa ... --versioning-configuration Status=Enabled,MFADelete=Enabled).',
  ), {
    change: 'Turn on versioning with MFA Delete for the bucket. Only the root user can, with its MFA device and its own access key: the serial number and a current code go in --mfa.',
    cli: ["aws s3api put-bucket-versioning --bucket {{resource}} --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa '{{rootMfaSerial}} {{mfaCode}}'"],
    terraform: `# Applied with the root user's credentials.
resource "aws_s3_bucket_versioning" "bucket" {
  bucket = "{{resource}}"
  mfa    = "{{rootMfaSerial}} {{mfaCode}}"

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}
`,
    cannot: 'CloudFormation cannot turn on MFA Delete: it needs the root user and a current MFA code.',
    inputs: {
      rootMfaSerial: { default: 'arn:{{partition}}:iam::{{account}}:mfa/root-account-mfa-device', means: "The root user's MFA device." },
      mfaCode: { default: '123456', means: 'A current code from it.' },
    },
  }),
  async evaluate(ctx) {
    return evaluateBucketsInRegion(ctx, async (bucket, resource) => {
      // MFA Delete cannot be used together with a lifecycle configuration: such buckets get no finding.
      const lifecycle = await attempt(ctx.data.s3.bucketLifecycle(bucket.name));
      if (lifecycle instanceof DataUnavailable) return unavailable(resource, lifecycle);
      if (lifecycle !== null) return null;
      const versioning = await attempt(ctx.data.s3.bucketVersioning(bucket.name));
      if (versioning instanceof DataUnavailable) return unavailable(resource, versioning);
      const evidence = { versioningStatus: versioning.status, mfaDelete: versioning.mfaDelete };
      if (versioning.mfaDelete === 'Enabled') {
        return pass(resource, `Bucket ${bucket.name} has MFA Delete enabled.`, { reasonCode: 'MFA_DELETE_ENABLED', evidence });
      }
      const versioned = versioning.status === 'Enabled';
      const why = versioned ? 'versioning is on but MFA Delete is not' : 'versioning, and with it MFA Delete, is off';
      return fail(resource, `Bucket ${bucket.name} does not have MFA Delete enabled: ${why}.`, {
        reasonCode: versioned ? 'MFA_DELETE_DISABLED' : 'VERSIONING_DISABLED',
        evidence,
      });
    });
  },
});
