import { customerRotatable } from '../../src/data/kms.js';
import { DataUnavailable } from '../../src/data/errors.js';
import { defineRule, fail, notAvailable, pass, unavailable } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { kmsKeyResource } from '../lib/resources.js';

export default defineRule({
  id: 'kms-key-rotation-enabled',
  title: 'AWS KMS key rotation should be enabled',
  securityHubControlId: 'KMS.4',
  severity: 'MEDIUM',
  cis: { '1.2.0': '2.8', '1.4.0': '3.8', '3.0.0': '3.6', '5.0.0': '3.6', '6.0.0': '4.6', '7.0.0': '4.6' },
  scope: 'region',
  resourceType: 'AwsKmsKey',
  requiredActions: ['kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyRotationStatus'],
  reasonCodes: {
    KEY_ROTATION_ENABLED: 'Automatic rotation is on for the customer managed key.',
    KEY_ROTATION_DISABLED: 'Automatic rotation is off for the customer managed key.',
  },
  remediation: withSteps('kms-key-rotation-enabled', securityHubRemediation(
    'KMS.4',
    'Turn on automatic key rotation for the customer managed key (KMS console, Key rotation tab, or aws kms enable-key-rotation --key-id <key>).',
  ), {
    change: 'Turn on automatic rotation of the customer managed key, in its Region.',
    cli: ['aws kms enable-key-rotation --region {{region}} --key-id {{resource}}'],
    cloudformation: `# On the existing AWS::KMS::Key; the other properties stay as they are.
Key:
  Type: AWS::KMS::Key
  Properties:
    EnableKeyRotation: true
`,
    terraform: `# On the existing aws_kms_key; the other arguments stay as they are.
resource "aws_kms_key" "key" {
  enable_key_rotation = true
}
`,
  }),
  async evaluate({ data, account }) {
    const keys = await data.kms.keys();
    const results = keys.map((key) => {
      const resource = kmsKeyResource(key, account);
      // DescribeKey failed: the key cannot even be placed in or out of scope.
      if (key.metadata === null) return key.unavailable ? unavailable(resource, new DataUnavailable(key.unavailable)) : null;
      // Out of scope (AWS managed, asymmetric, HMAC, imported, custom key store) or pending deletion: no finding.
      if (!customerRotatable(key.metadata)) return null;
      if (key.unavailable) return unavailable(resource, new DataUnavailable(key.unavailable));
      if (key.rotation === null) {
        // The data layer broke its contract (no status and no failure): name the read, as a failed read would.
        return notAvailable(resource, `The rotation status of KMS key ${key.keyId} was not read (kms:GetKeyRotationStatus).`, {
          reasonCode: 'DATA_UNAVAILABLE',
          evidence: { action: 'kms:GetKeyRotationStatus' },
        });
      }
      const evidence = {
        KeyRotationEnabled: key.rotation.enabled,
        RotationPeriodInDays: key.rotation.rotationPeriodInDays,
        KeyState: key.metadata.KeyState ?? null,
      };
      const state = key.metadata.KeyState === 'Enabled' ? '' : ` (key state ${key.metadata.KeyState ?? 'unknown'})`;
      return key.rotation.enabled
        ? pass(resource, `Automatic rotation is on for KMS key ${key.keyId}${state}.`, { reasonCode: 'KEY_ROTATION_ENABLED', evidence })
        : fail(resource, `Automatic rotation is off for KMS key ${key.keyId}${state}.`, { reasonCode: 'KEY_ROTATION_DISABLED', evidence });
    });
    return results.filter((r) => r !== null);
  },
});
