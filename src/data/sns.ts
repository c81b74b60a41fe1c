/** SNS reads. Read a topic with a client in the topic's own Region (`dataIn(region)`). */
import { collect, defineAccessor, errorName } from './accessor.js';
import { parsePolicyDocument, type PolicyDocument } from './policy-document.js';
import { required } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const snsSdk = () => import('@aws-sdk/client-sns');

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
      const { SNSClient, paginateListSubscriptionsByTopic } = await snsSdk();
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

  /** The ARNs of the Region's topics (ListTopics, paginated), sorted. */
  topics: defineAccessor({
    actions: ['sns:ListTopics'],
    async fetch(ctx): Promise<string[]> {
      const { SNSClient, paginateListTopics } = await snsSdk();
      const topics = await collect(paginateListTopics({ client: ctx.client(SNSClient) }, {}), 'Topics', 'sns:ListTopics');
      return topics.map((t) => t.TopicArn ?? '').filter((arn) => arn !== '').sort();
    },
  }),

  /** A topic's access policy (GetTopicAttributes `Policy`); null when the topic is gone (NotFound). */
  topicPolicy: defineAccessor({
    actions: ['sns:GetTopicAttributes'],
    async fetch(ctx, topicArn: string): Promise<TopicPolicy | null> {
      const { GetTopicAttributesCommand, SNSClient } = await snsSdk();
      try {
        const out = await ctx.client(SNSClient).send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
        // Attributes always comes back for a topic that exists; its Policy may be absent.
        const text = required(out.Attributes, 'Attributes', 'sns:GetTopicAttributes').Policy ?? null;
        return { text, document: text === null ? null : parsePolicyDocument(text) };
      } catch (error) {
        if (['NotFoundException', 'NotFound'].includes(errorName(error) ?? '')) return null;
        throw error;
      }
    },
  }),
};

export interface TopicPolicy {
  /** The policy text; null when the topic has no Policy attribute. */
  text: string | null;
  /** The parsed policy; null when there is none or it is not a policy document. */
  document: PolicyDocument | null;
}
