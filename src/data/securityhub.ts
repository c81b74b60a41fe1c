/** Security Hub reads made while scanning (the findings sink lives elsewhere). */
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { defineAccessor, errorName } from './accessor.js';

export interface Hub {
  hubArn: string;
  subscribedAt: string | null;
  autoEnableControls: boolean | null;
}

export const securityhub = {
  /**
   * The Region's hub; null when Security Hub is not enabled there
   * (InvalidAccessException, "not subscribed"). Access denied is an error.
   */
  hub: defineAccessor({
    actions: ['securityhub:DescribeHub'],
    async fetch(ctx): Promise<Hub | null> {
      try {
        const out = await ctx.client(SecurityHubClient).send(new DescribeHubCommand({}));
        return { hubArn: out.HubArn ?? '', subscribedAt: out.SubscribedAt ?? null, autoEnableControls: out.AutoEnableControls ?? null };
      } catch (error) {
        if (errorName(error) === 'InvalidAccessException') return null;
        throw error;
      }
    },
  }),
};
