/** SQS reads: the Region's queues and each queue's access policy. */
import { defineAccessor, errorName } from './accessor.js';
import { resourcePolicy, type ResourcePolicy } from './resource-policy.js';
import { required } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const sqsSdk = () => import('@aws-sdk/client-sqs');

export const sqs = {
  /**
   * The URLs of the Region's queues (ListQueues, paginated), sorted. SQS leaves
   * `QueueUrls` out of the answer when the Region has no queue, so an absent
   * list is an empty one here (the one read where it cannot be told from a
   * truncated answer).
   */
  queueUrls: defineAccessor({
    actions: ['sqs:ListQueues'],
    async fetch(ctx): Promise<string[]> {
      const { SQSClient, paginateListQueues } = await sqsSdk();
      const urls: string[] = [];
      for await (const page of paginateListQueues({ client: ctx.client(SQSClient) }, { MaxResults: 1000 })) urls.push(...(page.QueueUrls ?? []));
      return urls.sort();
    },
  }),

  /** A queue's access policy (GetQueueAttributes `Policy`); null when the queue is gone. */
  queuePolicy: defineAccessor({
    actions: ['sqs:GetQueueAttributes'],
    async fetch(ctx, queueUrl: string): Promise<ResourcePolicy | null> {
      const { GetQueueAttributesCommand, SQSClient } = await sqsSdk();
      try {
        // QueueArn is always there, so an answer without Attributes is malformed, never "no policy".
        const out = await ctx.client(SQSClient).send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['Policy', 'QueueArn'] }));
        return resourcePolicy(required(out.Attributes, 'Attributes', 'sqs:GetQueueAttributes').Policy);
      } catch (error) {
        if (['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'].includes(errorName(error) ?? '')) return null;
        throw error;
      }
    },
  }),
};
