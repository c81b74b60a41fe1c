import { expect } from 'vitest';
import rule from '../../../rules/ec2/ec2-ebs-default-encryption-enabled.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;

testRule(rule, {
  passed: [
    {
      name: 'encryption by default is on',
      fixture: { 'ec2.ebsEncryptionByDefault': true },
      results: { resource: ACCOUNT, reasonCode: 'EBS_DEFAULT_ENCRYPTION_ENABLED', reason: 'EBS encryption by default is on in us-east-1.', evidence: { EbsEncryptionByDefault: true } },
    },
  ],
  failed: [
    {
      name: 'each Region is judged on its own setting, with its own finding',
      fixture: { 'ec2.ebsEncryptionByDefault': (_args: unknown, region: string) => region === 'eu-west-1' },
      options: { regions: ['us-east-1', 'eu-west-1'] },
      results: [
        { status: 'PASSED', resource: ACCOUNT, region: 'eu-west-1', reasonCode: 'EBS_DEFAULT_ENCRYPTION_ENABLED' },
        { resource: ACCOUNT, region: 'us-east-1', reasonCode: 'EBS_DEFAULT_ENCRYPTION_DISABLED', reason: 'EBS encryption by default is off in us-east-1.' },
      ],
      check: ({ findings }) => {
        expect(findings.map((f) => f.ProductArn).sort()).toEqual([
          'arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default',
          'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default',
        ]);
        expect(new Set(findings.map((f) => f.Id)).size).toBe(2);
      },
    },
  ],
  notAvailable: [
    {
      name: 'the setting cannot be read in one Region; the others are still judged',
      fixture: {
        'ec2.ebsEncryptionByDefault': (_args: unknown, region: string) => (region === 'ap-south-1' ? denied('ec2:GetEbsEncryptionByDefault', region) : true),
      },
      options: { regions: ['us-east-1', 'ap-south-1'] },
      results: [
        { resource: ACCOUNT, region: 'ap-south-1', reasonCode: 'ACCESS_DENIED', action: 'ec2:GetEbsEncryptionByDefault' },
        { status: 'PASSED', resource: ACCOUNT, region: 'us-east-1', reasonCode: 'EBS_DEFAULT_ENCRYPTION_ENABLED' },
      ],
    },
  ],
});
