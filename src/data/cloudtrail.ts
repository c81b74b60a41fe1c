/**
 * CloudTrail reads. `trails()` in a Region lists that Region's trails plus the
 * multi-Region trails homed elsewhere (shadow trails). A trail's status and
 * event selectors are read in its home Region (through `dataIn(trail.HomeRegion)`),
 * where every CloudTrail implementation answers for it.
 */
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type AdvancedEventSelector,
  type EventSelector,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { defineAccessor } from './accessor.js';

export interface TrailStatus {
  isLogging: boolean;
  latestDeliveryTime: string | null;
  latestCloudWatchLogsDeliveryTime: string | null;
}

export interface TrailEventSelectors {
  eventSelectors: EventSelector[];
  advancedEventSelectors: AdvancedEventSelector[];
}

export const cloudtrail = {
  trails: defineAccessor({
    actions: ['cloudtrail:DescribeTrails'],
    async fetch(ctx): Promise<Trail[]> {
      const out = await ctx.client(CloudTrailClient).send(new DescribeTrailsCommand({ includeShadowTrails: true }));
      return (out.trailList ?? []).sort((a, b) => (a.TrailARN ?? '').localeCompare(b.TrailARN ?? ''));
    },
  }),

  trailStatus: defineAccessor({
    actions: ['cloudtrail:GetTrailStatus'],
    async fetch(ctx, trailArn: string): Promise<TrailStatus> {
      const out = await ctx.client(CloudTrailClient).send(new GetTrailStatusCommand({ Name: trailArn }));
      return {
        isLogging: out.IsLogging === true,
        latestDeliveryTime: out.LatestDeliveryTime?.toISOString() ?? null,
        latestCloudWatchLogsDeliveryTime: out.LatestCloudWatchLogsDeliveryTime?.toISOString() ?? null,
      };
    },
  }),

  eventSelectors: defineAccessor({
    actions: ['cloudtrail:GetEventSelectors'],
    async fetch(ctx, trailArn: string): Promise<TrailEventSelectors> {
      const out = await ctx.client(CloudTrailClient).send(new GetEventSelectorsCommand({ TrailName: trailArn }));
      return { eventSelectors: out.EventSelectors ?? [], advancedEventSelectors: out.AdvancedEventSelectors ?? [] };
    },
  }),
};
