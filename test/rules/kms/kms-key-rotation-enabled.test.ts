import { expect } from 'vitest';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import rule from '../../../rules/kms/kms-key-rotation-enabled.js';
import type { KmsKey } from '../../../src/data/kms.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const arn = (id: string, region = 'us-east-1') => `arn:aws:kms:${region}:123456789012:key/${id}`;
function key(id: string, metadata: Partial<KeyMetadata> | null, rotation: boolean | null, unavailable: KmsKey['unavailable'] = null): KmsKey {
  return {
    keyId: id,
    arn: arn(id),
    metadata:
      metadata === null
        ? null
        : { KeyId: id, Arn: arn(id), AWSAccountId: '123456789012', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS', KeyState: 'Enabled', ...metadata },
    rotation: rotation === null ? null : { enabled: rotation, rotationPeriodInDays: rotation ? 365 : null },
    unavailable,
  };
}

testRule(rule, {
  passed: [
    {
      name: "each Region's keys are evaluated there",
      fixture: { 'kms.keys': (_args: unknown[], region: string) => (region === 'eu-west-1' ? [{ ...key('eu', {}, true), arn: arn('eu', 'eu-west-1') }] : []) },
      options: { regions: ['us-east-1', 'eu-west-1'] },
      results: { resource: arn('eu', 'eu-west-1'), reasonCode: 'KEY_ROTATION_ENABLED' },
      check: ({ findings }) =>
        expect(findings.map((f) => [f.Resources?.[0]?.Id, f.Resources?.[0]?.Region, f.Compliance?.Status])).toEqual([
          [arn('eu', 'eu-west-1'), 'eu-west-1', 'PASSED'],
        ]),
    },
  ],
  failed: [
    {
      name: 'customer managed symmetric AWS_KMS keys are judged, disabled ones included; the rest are skipped',
      fixture: {
        'kms.keys': [
          key('rotating', {}, true),
          key('stale', {}, false),
          key('disabled', { KeyState: 'Disabled' }, false),
          key('disabled-rotating', { KeyState: 'Disabled' }, true),
          key('aws-managed', { KeyManager: 'AWS' }, null),
          key('asymmetric', { KeySpec: 'RSA_4096' }, null),
          key('hmac', { KeySpec: 'HMAC_256' }, null),
          key('imported', { Origin: 'EXTERNAL' }, null),
          key('hsm', { Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: 'cks-1234' }, null),
          key('doomed', { KeyState: 'PendingDeletion' }, null),
          key('doomed-replica', { KeyState: 'PendingReplicaDeletion' }, null),
        ],
      },
      results: [
        { resource: arn('rotating'), status: 'PASSED', reasonCode: 'KEY_ROTATION_ENABLED', evidence: { KeyRotationEnabled: true, RotationPeriodInDays: 365 } },
        { resource: arn('stale'), reasonCode: 'KEY_ROTATION_DISABLED' },
        { resource: arn('disabled'), reasonCode: 'KEY_ROTATION_DISABLED', reason: 'Automatic rotation is off for KMS key disabled (key state Disabled).' },
        { resource: arn('disabled-rotating'), status: 'PASSED', reasonCode: 'KEY_ROTATION_ENABLED' },
      ],
      check: ({ findings }) => {
        const stale = findings.find((f) => f.Resources?.[0]?.Id === arn('stale'));
        expect(stale?.Resources?.[0]).toMatchObject({
          Type: 'AwsKmsKey',
          Id: arn('stale'),
          Details: { AwsKmsKey: { KeyId: 'stale', KeyManager: 'CUSTOMER', KeyState: 'Enabled', Origin: 'AWS_KMS' } },
        });
        expect(stale?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/3.6']);
      },
    },
  ],
  notAvailable: [
    {
      name: 'a key whose rotation status or metadata could not be read; the others are judged',
      fixture: {
        'kms.keys': [
          key('fine', {}, false),
          key('locked', {}, null, denied('kms:GetKeyRotationStatus').toJSON()),
          key('hidden', null, null, denied('kms:DescribeKey').toJSON()),
        ],
      },
      results: [
        { resource: arn('fine'), status: 'FAILED', reasonCode: 'KEY_ROTATION_DISABLED', reason: 'Automatic rotation is off for KMS key fine.' },
        {
          resource: arn('locked'),
          reasonCode: 'ACCESS_DENIED',
          action: 'kms:GetKeyRotationStatus',
          reason: 'Missing permission kms:GetKeyRotationStatus (AccessDenied)',
        },
        { resource: arn('hidden'), reasonCode: 'ACCESS_DENIED', action: 'kms:DescribeKey', reason: 'Missing permission kms:DescribeKey (AccessDenied)' },
      ],
    },
    {
      name: 'a key whose rotation status was not read at all',
      fixture: { 'kms.keys': [key('unread', {}, null)] },
      results: {
        resource: arn('unread'),
        reasonCode: 'DATA_UNAVAILABLE',
        action: 'kms:GetKeyRotationStatus',
        reason: 'The rotation status of KMS key unread was not read (kms:GetKeyRotationStatus).',
      },
    },
    {
      name: 'the keys cannot be listed: NOT_AVAILABLE as a whole',
      fixture: { 'kms.keys': denied('kms:ListKeys') },
      results: {
        resource: `AWS::::Account:${TEST_ACCOUNT}`,
        reasonCode: 'ACCESS_DENIED',
        action: 'kms:ListKeys',
        reason: 'Missing permission kms:ListKeys (AccessDenied)',
      },
    },
  ],
});
