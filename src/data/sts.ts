/** STS: who the credentials belong to. */
import { defineAccessor } from './accessor.js';
import { MalformedResponse, requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const stsSdk = () => import('@aws-sdk/client-sts');

/** The partitions an ARN may name. */
const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
const ACTION = 'sts:GetCallerIdentity';

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
  /** `aws`, `aws-cn`, `aws-us-gov`, ..., from the caller's ARN. */
  partition: string;
}

export const sts = {
  callerIdentity: defineAccessor({
    global: true,
    actions: ['sts:GetCallerIdentity'],
    async fetch(ctx): Promise<CallerIdentity> {
      const { GetCallerIdentityCommand, STSClient } = await stsSdk();
      const out = await ctx.client(STSClient).send(new GetCallerIdentityCommand({}));
      // Every finding carries the account and partition: an identity that is not one is no identity.
      const account = requiredString(out.Account, 'Account', ACTION);
      if (!/^\d{12}$/.test(account)) throw new MalformedResponse(ACTION, `the Account ${JSON.stringify(account.slice(0, 40))} is not a 12-digit account id`);
      const arn = requiredString(out.Arn, 'Arn', ACTION);
      const partition = arn.split(':')[1] ?? '';
      if (!arn.startsWith('arn:') || !PARTITIONS.has(partition)) throw new MalformedResponse(ACTION, `the Arn ${JSON.stringify(arn.slice(0, 80))} names no known partition`);
      return { account, arn, userId: out.UserId ?? '', partition };
    },
  }),
};
