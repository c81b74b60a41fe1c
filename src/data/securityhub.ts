/** Security Hub reads made while scanning (the findings sink lives elsewhere). */
import { defineAccessor, errorName } from './accessor.js';
import { requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const securityhubSdk = () => import('@aws-sdk/client-securityhub');

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
      const { DescribeHubCommand, SecurityHubClient } = await securityhubSdk();
      try {
        const out = await ctx.client(SecurityHubClient).send(new DescribeHubCommand({}));
        // An answer without a hub ARN is not "enabled": it says nothing.
        return { hubArn: requiredString(out.HubArn, 'HubArn', 'securityhub:DescribeHub'), subscribedAt: out.SubscribedAt ?? null, autoEnableControls: out.AutoEnableControls ?? null };
      } catch (error) {
        if (errorName(error) === 'InvalidAccessException') return null;
        throw error;
      }
    },
  }),
};
