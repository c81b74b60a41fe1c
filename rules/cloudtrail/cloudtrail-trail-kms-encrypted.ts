import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { securityHubRemediation } from '../lib/remediation.js';
import { trailResource } from '../lib/resources.js';
import { ownTrailsHomedIn } from '../lib/trails.js';

export default defineRule({
  id: 'cloudtrail-trail-kms-encrypted',
  title: 'CloudTrail should have encryption at-rest enabled',
  securityHubControlId: 'CloudTrail.2',
  severity: 'MEDIUM',
  cis: { '1.2.0': '2.7', '1.4.0': '3.7', '3.0.0': '3.5', '5.0.0': '3.5', '6.0.0': '4.5', '7.0.0': '4.5' },
  scope: 'region',
  resourceType: 'AwsCloudTrailTrail',
  requiredActions: ['cloudtrail:DescribeTrails'],
  remediation: securityHubRemediation(
    'CloudTrail.2',
    'Configure the trail to encrypt its log files with SSE-KMS, using a customer managed KMS key whose policy lets CloudTrail encrypt.',
  ),
  async evaluate({ data, account, region }) {
    return ownTrailsHomedIn(await data.cloudtrail.trails(), account, region).map((trail) => {
      const evidence = { KmsKeyId: trail.KmsKeyId ?? null };
      return trail.KmsKeyId
        ? pass(trailResource(trail), `Trail ${trail.Name} encrypts its log files with KMS key ${trail.KmsKeyId}.`, { evidence })
        : fail(trailResource(trail), `Trail ${trail.Name} does not encrypt its log files with SSE-KMS.`, { evidence });
    });
  },
});
