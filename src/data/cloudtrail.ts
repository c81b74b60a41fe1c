/**
 * CloudTrail reads. `trails()` in a Region lists that Region's trails plus the
 * multi-Region trails homed elsewhere (shadow trails). A trail's status and
 * event selectors are read in its home Region (through `dataIn(trail.HomeRegion)`),
 * where every CloudTrail implementation answers for it.
 */
import type { AdvancedEventSelector, EventSelector, Trail } from '@aws-sdk/client-cloudtrail';
import { defineAccessor } from './accessor.js';
import { requiredBoolean, requiredList } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const cloudtrailSdk = () => import('@aws-sdk/client-cloudtrail');

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
      const { CloudTrailClient, DescribeTrailsCommand } = await cloudtrailSdk();
      const out = await ctx.client(CloudTrailClient).send(new DescribeTrailsCommand({ includeShadowTrails: true }));
      return requiredList(out.trailList, 'trailList', 'cloudtrail:DescribeTrails').sort((a, b) => (a.TrailARN ?? '').localeCompare(b.TrailARN ?? ''));
    },
  }),

  trailStatus: defineAccessor({
    actions: ['cloudtrail:GetTrailStatus'],
    async fetch(ctx, trailArn: string): Promise<TrailStatus> {
      const { CloudTrailClient, GetTrailStatusCommand } = await cloudtrailSdk();
      const out = await ctx.client(CloudTrailClient).send(new GetTrailStatusCommand({ Name: trailArn }));
      return {
        isLogging: requiredBoolean(out.IsLogging, 'IsLogging', 'cloudtrail:GetTrailStatus'),
        latestDeliveryTime: out.LatestDeliveryTime?.toISOString() ?? null,
        latestCloudWatchLogsDeliveryTime: out.LatestCloudWatchLogsDeliveryTime?.toISOString() ?? null,
      };
    },
  }),

  eventSelectors: defineAccessor({
    actions: ['cloudtrail:GetEventSelectors'],
    async fetch(ctx, trailArn: string): Promise<TrailEventSelectors> {
      const { CloudTrailClient, GetEventSelectorsCommand } = await cloudtrailSdk();
      const out = await ctx.client(CloudTrailClient).send(new GetEventSelectorsCommand({ TrailName: trailArn }));
      // A trail has basic or advanced selectors: an answer with neither list is not an answer.
      if (!out.EventSelectors && !out.AdvancedEventSelectors) requiredList(out.EventSelectors, 'EventSelectors', 'cloudtrail:GetEventSelectors');
      return { eventSelectors: out.EventSelectors ?? [], advancedEventSelectors: out.AdvancedEventSelectors ?? [] };
    },
  }),
};
