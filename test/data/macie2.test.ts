import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { AccessDeniedException, GetMacieSessionCommand, Macie2Client, ResourceNotFoundException } from '@aws-sdk/client-macie2';
import { mockedLiveSource } from '../helpers/live.js';

const macie = mockClient(Macie2Client);
afterEach(() => macie.reset());

describe('Macie accessors', () => {
  it('reads the session of each Region', async () => {
    macie.on(GetMacieSessionCommand).resolves({ status: 'PAUSED', findingPublishingFrequency: 'SIX_HOURS', createdAt: new Date('2026-01-01T00:00:00Z') });
    const { data } = mockedLiveSource();
    expect(await data('eu-west-1').macie2.session()).toEqual({
      status: 'PAUSED',
      findingPublishingFrequency: 'SIX_HOURS',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      updatedAt: null,
    });
    await data('us-east-1').macie2.session();
    expect(macie.commandCalls(GetMacieSessionCommand)).toHaveLength(2);
  });

  it('answers null when Macie is not enabled (AWS: AccessDeniedException "Macie is not enabled."; moto: ResourceNotFoundException)', async () => {
    macie.on(GetMacieSessionCommand).rejects(new AccessDeniedException({ $metadata: { httpStatusCode: 401 }, message: 'Macie is not enabled.' }));
    expect(await mockedLiveSource().data().macie2.session()).toBeNull();
    macie.reset();
    macie.on(GetMacieSessionCommand).rejects(new ResourceNotFoundException({ $metadata: { httpStatusCode: 404 }, message: "The request failed because the specified resource doesn't exist." }));
    expect(await mockedLiveSource().data().macie2.session()).toBeNull();
  });

  it('keeps a missing permission an error, although AWS uses the same error code', async () => {
    macie.on(GetMacieSessionCommand).rejects(
      new AccessDeniedException({
        $metadata: { httpStatusCode: 403 },
        message: 'User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: macie2:GetMacieSession on resource: arn:aws:macie2:us-east-1:123456789012:*',
      }),
    );
    const { data } = mockedLiveSource();
    await expect(data().macie2.session()).rejects.toMatchObject({
      name: 'DataUnavailable',
      reason: 'access-denied',
      action: 'macie2:GetMacieSession',
      code: 'AccessDeniedException',
    });
  });
});
