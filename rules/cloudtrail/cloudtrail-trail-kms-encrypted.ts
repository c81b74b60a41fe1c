import { defineRule } from '../../src/engine/rule.js';
import { securityHubRemediation } from '../lib/remediation.js';
import { evaluateTrailSetting } from '../lib/trail-settings.js';

export default defineRule({
  id: 'cloudtrail-trail-kms-encrypted',
  title: 'CloudTrail should have encryption at-rest enabled',
  securityHubControlId: 'CloudTrail.2',
  severity: 'MEDIUM',
  cis: { '1.2.0': '2.7', '1.4.0': '3.7', '3.0.0': '3.5', '5.0.0': '3.5', '6.0.0': '4.5', '7.0.0': '4.5' },
  scope: 'region',
  resourceType: 'AwsCloudTrailTrail',
  requiredActions: ['cloudtrail:DescribeTrails'],
  reasonCodes: {
    TRAIL_KMS_ENCRYPTED: 'PASSED: the trail encrypts its log files with SSE-KMS.',
    TRAIL_NOT_KMS_ENCRYPTED: 'FAILED: the trail has no KMS key for its log files.',
  },
  remediation: securityHubRemediation(
    'CloudTrail.2',
    'Configure the trail to encrypt its log files with SSE-KMS, using a customer managed KMS key whose policy lets CloudTrail encrypt.',
  ),
  evaluate: (ctx) =>
    evaluateTrailSetting(ctx, { passed: 'TRAIL_KMS_ENCRYPTED', failed: 'TRAIL_NOT_KMS_ENCRYPTED' }, (trail) => ({
      ok: Boolean(trail.KmsKeyId),
      reason: trail.KmsKeyId
        ? `Trail ${trail.Name} encrypts its log files with KMS key ${trail.KmsKeyId}.`
        : `Trail ${trail.Name} does not encrypt its log files with SSE-KMS.`,
      evidence: { KmsKeyId: trail.KmsKeyId ?? null },
    })),
});
