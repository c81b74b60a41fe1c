import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CloudWatchLogsClient,
  CloudWatchLogsServiceException,
  DescribeMetricFiltersCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockedLiveSource } from '../helpers/live.js';

const logs = mockClient(CloudWatchLogsClient);
afterEach(() => logs.reset());

describe('CloudWatch Logs accessors', () => {
  it('reads every page of a log group\'s metric filters, once per log group and Region', async () => {
    logs
      .on(DescribeMetricFiltersCommand)
      .resolvesOnce({
        metricFilters: [
          {
            filterName: 'root',
            filterPattern: '{ $.userIdentity.type = "Root" }',
            logGroupName: 'trail',
            metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CISBenchmark', metricValue: '1', defaultValue: 0 }],
          },
        ],
        nextToken: 'page-2',
      })
      .resolvesOnce({ metricFilters: [{ filterName: 'bare', filterPattern: '', logGroupName: 'trail' }] });
    const { data } = mockedLiveSource();
    const filters = await data('eu-west-1').logs.metricFilters('trail');
    expect(filters).toEqual([
      {
        filterName: 'root',
        filterPattern: '{ $.userIdentity.type = "Root" }',
        logGroupName: 'trail',
        metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CISBenchmark', metricValue: '1', defaultValue: 0 }],
      },
      { filterName: 'bare', filterPattern: '', logGroupName: 'trail', metricTransformations: [] },
    ]);
    expect(await data('eu-west-1').logs.metricFilters('trail')).toBe(filters);
    const calls = logs.commandCalls(DescribeMetricFiltersCommand);
    // The paginator reuses its input object: check what each call asked for by field.
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.args[0].input.logGroupName)).toEqual(['trail', 'trail']);
    expect(calls[1]?.args[0].input.nextToken).toBe('page-2');
  });

  it('answers null for a log group that does not exist', async () => {
    logs.on(DescribeMetricFiltersCommand).rejects(new ResourceNotFoundException({ message: 'The specified log group does not exist.', $metadata: {} }));
    expect(await mockedLiveSource().data().logs.metricFilters('gone')).toBeNull();
  });

  it('does not hide a denied read', async () => {
    logs
      .on(DescribeMetricFiltersCommand)
      .rejects(new CloudWatchLogsServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'no' }));
    await expect(mockedLiveSource().data().logs.metricFilters('trail')).rejects.toMatchObject({
      name: 'DataUnavailable',
      reason: 'access-denied',
      action: 'logs:DescribeMetricFilters',
    });
  });
});
