import { expect } from 'vitest';
import rule from '../../../rules/cloudtrail/cloudtrail-trail-kms-encrypted.js';
import { testRule } from '../../helpers/rule-tester.js';
import { trailSettingCases } from './trail-setting.table.js';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

testRule(
  rule,
  trailSettingCases({
    on: { kms: KEY },
    passedCode: 'TRAIL_KMS_ENCRYPTED',
    failedCode: 'TRAIL_NOT_KMS_ENCRYPTED',
    onEvidence: { KmsKeyId: KEY },
    offEvidence: { KmsKeyId: null },
    offReason: (name) => `Trail ${name} does not encrypt its log files with SSE-KMS.`,
    check: ({ results, findings }) => {
      expect(results.find((r) => r.resource.name === 'good')?.evidence).toEqual({ KmsKeyId: KEY });
      const good = findings.find((f) => f.Resources?.[0]?.Id === 'arn:aws:cloudtrail:us-east-1:123456789012:trail/good');
      expect(good?.Resources?.[0]?.Details?.AwsCloudTrailTrail).toMatchObject({ KmsKeyId: KEY, HomeRegion: 'us-east-1' });
    },
  }),
);
