import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { ListSubscriptionsByTopicCommand, NotFoundException, SNSClient, SNSServiceException } from '@aws-sdk/client-sns';
import { mockedLiveSource } from '../helpers/live.js';

const sns = mockClient(SNSClient);
afterEach(() => sns.reset());

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:security';

describe('SNS accessors', () => {
  it('lists every page of a topic\'s subscriptions with a client in the Region asked', async () => {
    sns
      .on(ListSubscriptionsByTopicCommand)
      .resolvesOnce({ Subscriptions: [{ SubscriptionArn: `${TOPIC}:1111`, Protocol: 'email', Owner: '123456789012' }], NextToken: 'n' })
      .resolvesOnce({ Subscriptions: [{ SubscriptionArn: 'PendingConfirmation', Protocol: 'email' }] });
    const { data } = mockedLiveSource();
    expect(await data('eu-west-1').sns.subscriptions(TOPIC)).toEqual([
      { subscriptionArn: `${TOPIC}:1111`, protocol: 'email', owner: '123456789012' },
      { subscriptionArn: 'PendingConfirmation', protocol: 'email', owner: '' },
    ]);
    const calls = sns.commandCalls(ListSubscriptionsByTopicCommand);
    // The paginator reuses its input object: check what each call asked for by field.
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.args[0].input.TopicArn)).toEqual([TOPIC, TOPIC]);
    expect(calls[1]?.args[0].input.NextToken).toBe('n');
    expect(await (calls[0]?.thisValue as SNSClient).config.region()).toBe('eu-west-1');
  });

  it('answers null for a topic that does not exist', async () => {
    sns.on(ListSubscriptionsByTopicCommand).rejects(new NotFoundException({ message: 'Topic does not exist', $metadata: {} }));
    expect(await mockedLiveSource().data().sns.subscriptions(TOPIC)).toBeNull();
  });

  it('does not hide a denied read', async () => {
    sns
      .on(ListSubscriptionsByTopicCommand)
      .rejects(new SNSServiceException({ name: 'AuthorizationErrorException', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'no' }));
    await expect(mockedLiveSource().data().sns.subscriptions(TOPIC)).rejects.toMatchObject({
      reason: 'access-denied',
      action: 'sns:ListSubscriptionsByTopic',
    });
  });
});
