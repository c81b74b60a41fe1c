/** AWS Config reads: the configuration recorders of a Region and their status. */
import type { ConfigurationRecorder, ConfigurationRecorderStatus } from '@aws-sdk/client-config-service';
import { defineAccessor } from './accessor.js';
import { requiredList } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const configServiceSdk = () => import('@aws-sdk/client-config-service');

export const config = {
  /** Every configuration recorder of the Region (an empty list when there is none). */
  recorders: defineAccessor({
    actions: ['config:DescribeConfigurationRecorders'],
    async fetch(ctx): Promise<ConfigurationRecorder[]> {
      const { ConfigServiceClient, DescribeConfigurationRecordersCommand } = await configServiceSdk();
      const out = await ctx.client(ConfigServiceClient).send(new DescribeConfigurationRecordersCommand({}));
      return requiredList(out.ConfigurationRecorders, 'ConfigurationRecorders', 'config:DescribeConfigurationRecorders');
    },
  }),

  /** Whether each recorder is recording, and how its last delivery went. */
  recorderStatus: defineAccessor({
    actions: ['config:DescribeConfigurationRecorderStatus'],
    async fetch(ctx): Promise<ConfigurationRecorderStatus[]> {
      const { ConfigServiceClient, DescribeConfigurationRecorderStatusCommand } = await configServiceSdk();
      const out = await ctx.client(ConfigServiceClient).send(new DescribeConfigurationRecorderStatusCommand({}));
      return requiredList(out.ConfigurationRecordersStatus, 'ConfigurationRecordersStatus', 'config:DescribeConfigurationRecorderStatus');
    },
  }),
};
