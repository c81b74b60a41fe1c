import { expect } from 'vitest';
import rule from '../../../rules/elb/elb-classic-load-balancer-access-logging-enabled.js';
import type { ClassicAccessLog } from '../../../src/data/elb.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const arn = (name: string, region = 'us-east-1') => `arn:aws:elasticloadbalancing:${region}:${TEST_ACCOUNT}:loadbalancer/${name}`;
const balancers = (byName: Record<string, ClassicAccessLog | null | ReturnType<typeof denied>>) => ({
  'elb.loadBalancerNames': Object.keys(byName),
  'elb.accessLog': ([name]: unknown[]) => byName[String(name)],
});

testRule(rule, {
  passed: [
    {
      name: 'access logs to a bucket; a load balancer gone since listed has no finding',
      fixture: balancers({ web: { enabled: true, bucket: 'clb-logs' }, gone: null }),
      results: { resource: arn('web'), reasonCode: 'ACCESS_LOGGING_ENABLED', evidence: { accessLogDestination: 'clb-logs' } },
      check: ({ findings }) => expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsElbLoadBalancer', Details: { AwsElbLoadBalancer: { LoadBalancerName: 'web' } } }),
    },
  ],
  failed: [
    {
      name: 'access logs off',
      fixture: balancers({ legacy: { enabled: false, bucket: null } }),
      options: { benchmarks: ['7.0.0'], regions: ['eu-west-1'] },
      results: { resource: arn('legacy', 'eu-west-1'), reasonCode: 'ACCESS_LOGGING_DISABLED', reason: 'Classic Load Balancer legacy has access logging off' },
    },
  ],
  notAvailable: [
    {
      name: 'the load balancers cannot be listed',
      fixture: { 'elb.loadBalancerNames': denied('elasticloadbalancing:DescribeLoadBalancers') },
      results: { resource: `AWS::::Account:${TEST_ACCOUNT}`, reasonCode: 'ACCESS_DENIED', action: 'elasticloadbalancing:DescribeLoadBalancers' },
    },
    {
      name: "one load balancer's attributes unavailable",
      fixture: balancers({ busy: denied('elasticloadbalancing:DescribeLoadBalancerAttributes', 'us-east-1', 'service-error'), web: { enabled: true, bucket: 'b' } }),
      results: [
        { resource: arn('busy'), reasonCode: 'DATA_UNAVAILABLE', action: 'elasticloadbalancing:DescribeLoadBalancerAttributes' },
        { status: 'PASSED', resource: arn('web'), reasonCode: 'ACCESS_LOGGING_ENABLED' },
      ],
    },
  ],
});
