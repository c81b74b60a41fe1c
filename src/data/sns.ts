/** SNS reads. Read a topic with a client in the topic's own Region (`dataIn(region)`). */
import { SNSClient, paginateListSubscriptionsByTopic } from '@aws-sdk/client-sns';
import { collect, defineAccessor, errorName } from './accessor.js';

export interface TopicSubscription {
  /** An ARN once confirmed; `PendingConfirmation` (or `Deleted`) otherwise. */
  subscriptionArn: string;
  protocol: string;
  owner: string;
}

export const sns = {
  /** The subscriptions of a topic (paginated); null when the topic does not exist (NotFound). */
  subscriptions: defineAccessor({
    actions: ['sns:ListSubscriptionsByTopic'],
    async fetch(ctx, topicArn: string): Promise<TopicSubscription[] | null> {
      try {
        const subscriptions = await collect(
          paginateListSubscriptionsByTopic({ client: ctx.client(SNSClient) }, { TopicArn: topicArn }),
          'Subscriptions', 'sns:ListSubscriptionsByTopic',
        );
        return subscriptions.map((s) => ({ subscriptionArn: s.SubscriptionArn ?? '', protocol: s.Protocol ?? '', owner: s.Owner ?? '' }));
      } catch (error) {
        if (['NotFoundException', 'NotFound'].includes(errorName(error) ?? '')) return null;
        throw error;
      }
    },
  }),
};
