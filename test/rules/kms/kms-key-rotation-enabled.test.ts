import { describe, expect, it } from 'vitest';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import rule from '../../../rules/kms/kms-key-rotation-enabled.js';
import type { KmsKey } from '../../../src/data/kms.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

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

describe('kms-key-rotation-enabled (KMS.4)', () => {
  it('judges customer managed symmetric AWS_KMS keys, disabled ones included, and skips the rest', async () => {
    const { results, findings } = await run({
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
    });
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['rotating', 'PASSED'],
      ['stale', 'FAILED'],
      ['disabled', 'FAILED'],
      ['disabled-rotating', 'PASSED'],
    ]);
    expect(results[2]?.reason).toBe('Automatic rotation is off for KMS key disabled (key state Disabled).');
    expect(results[0]?.evidence).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    expect(findings[1]?.Resources?.[0]).toMatchObject({
      Type: 'AwsKmsKey',
      Id: arn('stale'),
      Details: { AwsKmsKey: { KeyId: 'stale', KeyManager: 'CUSTOMER', KeyState: 'Enabled', Origin: 'AWS_KMS' } },
    });
    expect(findings[1]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/3.6']);
  });

  it('makes a key whose rotation status or metadata could not be read NOT_AVAILABLE, and judges the others', async () => {
    const rotationDenied = denied('kms:GetKeyRotationStatus').toJSON();
    const describeDenied = denied('kms:DescribeKey').toJSON();
    const { results } = await run({
      'kms.keys': [key('fine', {}, false), key('locked', {}, null, rotationDenied), key('hidden', null, null, describeDenied)],
    });
    expect(results.map((r) => [r.resource.name, r.status, r.reason])).toEqual([
      ['fine', 'FAILED', 'Automatic rotation is off for KMS key fine.'],
      ['locked', 'NOT_AVAILABLE', 'Missing permission kms:GetKeyRotationStatus (AccessDenied)'],
      ['hidden', 'NOT_AVAILABLE', 'Missing permission kms:DescribeKey (AccessDenied)'],
    ]);
    expect(results[1]).toMatchObject({ reasonCode: 'ACCESS_DENIED', evidence: { action: 'kms:GetKeyRotationStatus' } });
  });

  it('is NOT_AVAILABLE as a whole when the keys cannot be listed', async () => {
    const { results } = await run({ 'kms.keys': denied('kms:ListKeys') });
    expect(results).toMatchObject([{ status: 'NOT_AVAILABLE', reason: 'Missing permission kms:ListKeys (AccessDenied)' }]);
  });

  it('evaluates each Region\'s keys there', async () => {
    const { findings } = await run(
      { 'kms.keys': (_args: unknown[], region: string) => (region === 'eu-west-1' ? [{ ...key('eu', {}, true), arn: arn('eu', 'eu-west-1') }] : []) },
      { regions: ['us-east-1', 'eu-west-1'] },
    );
    expect(findings.map((f) => [f.Resources?.[0]?.Id, f.Resources?.[0]?.Region, f.Compliance?.Status])).toEqual([[arn('eu', 'eu-west-1'), 'eu-west-1', 'PASSED']]);
  });
});
