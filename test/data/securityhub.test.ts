import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { AccessDeniedException, DescribeHubCommand, InvalidAccessException, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockedLiveSource } from '../helpers/live.js';

const hub = mockClient(SecurityHubClient);
afterEach(() => hub.reset());

describe('Security Hub accessors', () => {
  it('describes the Region\'s hub', async () => {
    hub.on(DescribeHubCommand).resolves({
      HubArn: 'arn:aws:securityhub:eu-west-1:123456789012:hub/default',
      SubscribedAt: '2026-01-01T00:00:00.000Z',
      AutoEnableControls: true,
    });
    expect(await mockedLiveSource().data('eu-west-1').securityhub.hub()).toEqual({
      hubArn: 'arn:aws:securityhub:eu-west-1:123456789012:hub/default',
      subscribedAt: '2026-01-01T00:00:00.000Z',
      autoEnableControls: true,
    });
    expect(hub.commandCalls(DescribeHubCommand)[0]?.args[0].input).toEqual({});
  });

  it('answers null where the account is not subscribed', async () => {
    hub.on(DescribeHubCommand).rejects(new InvalidAccessException({ message: 'Account 123456789012 is not subscribed to AWS Security Hub', $metadata: {} }));
    expect(await mockedLiveSource().data().securityhub.hub()).toBeNull();
  });

  it('keeps access denied an error, not "not enabled"', async () => {
    hub.on(DescribeHubCommand).rejects(new AccessDeniedException({ message: 'no', $metadata: { httpStatusCode: 403 } }));
    await expect(mockedLiveSource().data().securityhub.hub()).rejects.toMatchObject({
      name: 'DataUnavailable',
      reason: 'access-denied',
      action: 'securityhub:DescribeHub',
    });
  });
});
