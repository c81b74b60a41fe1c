/** STS: who the credentials belong to. */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { defineAccessor } from './accessor.js';

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
      const out = await ctx.client(STSClient).send(new GetCallerIdentityCommand({}));
      const arn = out.Arn ?? '';
      return {
        account: out.Account ?? '',
        arn,
        userId: out.UserId ?? '',
        partition: arn.split(':')[1] || 'aws',
      };
    },
  }),
};
