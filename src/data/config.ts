/** AWS Config reads: the configuration recorders of a Region and their status. */
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  type ConfigurationRecorder,
  type ConfigurationRecorderStatus,
} from '@aws-sdk/client-config-service';
import { defineAccessor } from './accessor.js';
import { requiredList } from './shape.js';

export const config = {
  /** Every configuration recorder of the Region (an empty list when there is none). */
  recorders: defineAccessor({
    actions: ['config:DescribeConfigurationRecorders'],
    async fetch(ctx): Promise<ConfigurationRecorder[]> {
      const out = await ctx.client(ConfigServiceClient).send(new DescribeConfigurationRecordersCommand({}));
      return requiredList(out.ConfigurationRecorders, 'ConfigurationRecorders', 'config:DescribeConfigurationRecorders');
    },
  }),

  /** Whether each recorder is recording, and how its last delivery went. */
  recorderStatus: defineAccessor({
    actions: ['config:DescribeConfigurationRecorderStatus'],
    async fetch(ctx): Promise<ConfigurationRecorderStatus[]> {
      const out = await ctx.client(ConfigServiceClient).send(new DescribeConfigurationRecorderStatusCommand({}));
      return requiredList(out.ConfigurationRecordersStatus, 'ConfigurationRecordersStatus', 'config:DescribeConfigurationRecorderStatus');
    },
  }),
};
