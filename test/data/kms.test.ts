import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  KMSServiceException,
  ListKeysCommand,
  NotFoundException,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { mockedLiveSource } from '../helpers/live.js';

// KMS has no modelled AccessDeniedException: the SDK raises a generic service exception by that name.
class AccessDeniedException extends KMSServiceException {
  constructor(opts: { $metadata: { httpStatusCode: number }; message: string }) {
    super({ name: 'AccessDeniedException', $fault: 'client', ...opts });
  }
}

const kms = mockClient(KMSClient);
afterEach(() => kms.reset());

const arn = (id: string) => `arn:aws:kms:eu-west-1:123456789012:key/${id}`;
const meta = (id: string, extra: Partial<KeyMetadata> = {}): KeyMetadata => ({
  KeyId: id,
  Arn: arn(id),
  KeyManager: 'CUSTOMER',
  KeySpec: 'SYMMETRIC_DEFAULT',
  Origin: 'AWS_KMS',
  KeyState: 'Enabled',
  ...extra,
});

const METADATA: Record<string, KeyMetadata> = {
  rotating: meta('rotating'),
  still: meta('still', { KeyState: 'Disabled' }),
  managed: meta('managed', { KeyManager: 'AWS' }),
  rsa: meta('rsa', { KeySpec: 'RSA_2048' }),
  imported: meta('imported', { Origin: 'EXTERNAL' }),
  cloudhsm: meta('cloudhsm', { Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: 'cks-1' }),
  doomed: meta('doomed', { KeyState: 'PendingDeletion' }),
  locked: meta('locked'),
};

function mockKeys(ids: string[]) {
  kms
    .on(ListKeysCommand)
    .resolvesOnce({ Keys: ids.slice(0, 3).map((id) => ({ KeyId: id, KeyArn: arn(id) })), Truncated: true, NextMarker: 'p2' })
    .resolves({ Keys: ids.slice(3).map((id) => ({ KeyId: id, KeyArn: arn(id) })), Truncated: false });
  kms.on(DescribeKeyCommand).callsFake((input: { KeyId: string }) => {
    if (input.KeyId === 'gone') throw new NotFoundException({ $metadata: { httpStatusCode: 400 }, message: 'deleted' });
    if (input.KeyId === 'secret') throw new AccessDeniedException({ $metadata: { httpStatusCode: 400 }, message: 'not authorized to perform: kms:DescribeKey' });
    return { KeyMetadata: METADATA[input.KeyId] };
  });
  kms.on(GetKeyRotationStatusCommand).callsFake((input: { KeyId: string }) => {
    if (input.KeyId === 'locked') throw new AccessDeniedException({ $metadata: { httpStatusCode: 400 }, message: 'not authorized to perform: kms:GetKeyRotationStatus' });
    return { KeyRotationEnabled: input.KeyId === 'rotating', RotationPeriodInDays: input.KeyId === 'rotating' ? 365 : undefined };
  });
}

describe('KMS accessors', () => {
  it('lists keys across pages and reads each key once, rotation only where the customer controls it', async () => {
    mockKeys([...Object.keys(METADATA), 'gone']);
    const { data } = mockedLiveSource();
    const keys = await data('eu-west-1').kms.keys();
    expect(kms.commandCalls(ListKeysCommand)).toHaveLength(2);
    expect(kms.commandCalls(ListKeysCommand)[1]?.args[0].input).toMatchObject({ Marker: 'p2' });
    // The key deleted between ListKeys and DescribeKey is left out.
    expect(keys.map((k) => k.keyId).sort()).toEqual(Object.keys(METADATA).sort());
    const byId = Object.fromEntries(keys.map((k) => [k.keyId, k]));
    expect(byId.rotating).toMatchObject({ arn: arn('rotating'), rotation: { enabled: true, rotationPeriodInDays: 365 }, unavailable: null });
    expect(byId.still).toMatchObject({ rotation: { enabled: false, rotationPeriodInDays: null }, unavailable: null });
    for (const id of ['managed', 'rsa', 'imported', 'cloudhsm', 'doomed']) expect(byId[id]?.rotation, id).toBeNull();
    // One DescribeKey per listed key, one GetKeyRotationStatus per rotatable customer key.
    expect(kms.commandCalls(DescribeKeyCommand)).toHaveLength(9);
    expect(kms.commandCalls(GetKeyRotationStatusCommand).map((c) => c.args[0].input.KeyId).sort()).toEqual(['locked', 'rotating', 'still']);
  });

  it('keeps a denied per-key read on that key, and the others readable', async () => {
    mockKeys(['rotating', 'secret', 'locked']);
    const { data } = mockedLiveSource();
    const keys = await data('eu-west-1').kms.keys();
    const byId = Object.fromEntries(keys.map((k) => [k.keyId, k]));
    expect(byId.rotating?.rotation?.enabled).toBe(true);
    expect(byId.secret).toMatchObject({ metadata: null, unavailable: { action: 'kms:DescribeKey', reason: 'access-denied', region: 'eu-west-1' } });
    expect(byId.locked).toMatchObject({ rotation: null, unavailable: { action: 'kms:GetKeyRotationStatus', reason: 'access-denied' } });
    expect(byId.locked?.metadata?.KeyId).toBe('locked');
  });

  it('shares the per-key reads with other callers instead of reading again', async () => {
    mockKeys(['rotating']);
    const { data } = mockedLiveSource();
    const d = data('eu-west-1');
    await d.kms.keys();
    expect((await d.kms.key('rotating')).KeyId).toBe('rotating');
    expect((await d.kms.keyRotationStatus('rotating')).enabled).toBe(true);
    expect(kms.commandCalls(DescribeKeyCommand)).toHaveLength(1);
    expect(kms.commandCalls(GetKeyRotationStatusCommand)).toHaveLength(1);
  });

  it('fails the whole list when ListKeys is denied', async () => {
    kms.on(ListKeysCommand).rejects(new AccessDeniedException({ $metadata: { httpStatusCode: 400 }, message: 'no' }));
    await expect(mockedLiveSource().data().kms.keys()).rejects.toMatchObject({ name: 'DataUnavailable', action: 'kms:ListKeys', reason: 'access-denied' });
  });
});
