import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchClient, CloudWatchServiceException, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockedLiveSource } from '../helpers/live.js';

const cw = mockClient(CloudWatchClient);
afterEach(() => cw.reset());

describe('CloudWatch accessors', () => {
  it('lists every metric alarm of a Region across pages, sorted by name, once per Region', async () => {
    cw.on(DescribeAlarmsCommand)
      .resolvesOnce({
        MetricAlarms: [
          {
            AlarmName: 'root-usage',
            AlarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:root-usage',
            MetricName: 'RootUsage',
            Namespace: 'CISBenchmark',
            ActionsEnabled: true,
            AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:security'],
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            Threshold: 1,
            Statistic: 'Sum',
            Period: 300,
            EvaluationPeriods: 1,
          },
        ],
        NextToken: 'more',
      })
      .resolvesOnce({ MetricAlarms: [{ AlarmName: 'math', ActionsEnabled: false }] });
    const { data } = mockedLiveSource();
    const alarms = await data('eu-west-1').cloudwatch.alarms();
    expect(alarms).toEqual([
      {
        alarmName: 'math',
        alarmArn: '',
        metricName: null,
        namespace: null,
        actionsEnabled: false,
        alarmActions: [],
        comparisonOperator: null,
        threshold: null,
        statistic: null,
        period: null,
        evaluationPeriods: null,
      },
      {
        alarmName: 'root-usage',
        alarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:root-usage',
        metricName: 'RootUsage',
        namespace: 'CISBenchmark',
        actionsEnabled: true,
        alarmActions: ['arn:aws:sns:eu-west-1:123456789012:security'],
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
      },
    ]);
    await data('eu-west-1').cloudwatch.alarms();
    // One listing per Region (the second read was memoized); the paginator reuses its input object.
    const calls = cw.commandCalls(DescribeAlarmsCommand);
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.args[0].input.AlarmTypes)).toEqual([['MetricAlarm'], ['MetricAlarm']]);
    expect(calls[1]?.args[0].input.NextToken).toBe('more');
  });

  it('does not hide a denied listing', async () => {
    cw.on(DescribeAlarmsCommand).rejects(new CloudWatchServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'no' }));
    await expect(mockedLiveSource().data().cloudwatch.alarms()).rejects.toMatchObject({ reason: 'access-denied', action: 'cloudwatch:DescribeAlarms' });
  });
});
