import { expect } from 'vitest';
import rule from '../../../rules/elb/elb-application-load-balancer-access-logging-enabled.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const arn = (name: string, type = 'app', region = 'us-east-1') => `arn:aws:elasticloadbalancing:${region}:${TEST_ACCOUNT}:loadbalancer/${type}/${name}/50dc6c495c0c9188`;
type Attributes = Record<string, string> | null | ReturnType<typeof denied>;
const fixture = (byName: Record<string, Attributes>, extra: { name: string; arn: string; type: string }[] = []) => ({
  'elbv2.loadBalancers': [...Object.keys(byName).map((name) => ({ name, arn: arn(name), type: 'application' })), ...extra],
  'elbv2.attributes': ([a]: unknown[]) => byName[String(a).split('/')[2]!],
});
const on = (bucket: string) => ({ 'access_logs.s3.enabled': 'true', 'access_logs.s3.bucket': bucket, 'deletion_protection.enabled': 'false' });

testRule(rule, {
  passed: [
    {
      name: 'access logs to a bucket; a Network Load Balancer and a load balancer gone since listed have no finding',
      fixture: fixture({ web: on('alb-logs'), gone: null }, [{ name: 'tcp', arn: arn('tcp', 'net'), type: 'network' }]),
      results: { resource: arn('web'), reasonCode: 'ACCESS_LOGGING_ENABLED', evidence: { accessLogDestination: 'alb-logs' } },
      check: ({ source, findings }) => {
        expect(source.reads.filter((r) => r.id === 'elbv2.attributes').map((r) => r.args[0])).not.toContain(arn('tcp', 'net'));
        expect(findings[0]?.Resources?.[0]?.Type).toBe('AwsElbv2LoadBalancer');
      },
    },
  ],
  failed: [
    {
      name: 'access logs off, or the attribute missing',
      fixture: fixture({ off: { 'access_logs.s3.enabled': 'false', 'access_logs.s3.bucket': '' }, unset: { 'deletion_protection.enabled': 'false' } }),
      options: { benchmarks: ['7.0.0'] },
      results: [
        { resource: arn('off'), reasonCode: 'ACCESS_LOGGING_DISABLED', reason: 'Application Load Balancer off has access logging off' },
        { resource: arn('unset'), reasonCode: 'ACCESS_LOGGING_DISABLED' },
      ],
      check: ({ findings }) => expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v7.0.0/4.10']),
    },
  ],
  notAvailable: [
    {
      name: 'the load balancers cannot be listed',
      fixture: { 'elbv2.loadBalancers': denied('elasticloadbalancing:DescribeLoadBalancers') },
      results: { resource: `AWS::::Account:${TEST_ACCOUNT}`, reasonCode: 'ACCESS_DENIED', action: 'elasticloadbalancing:DescribeLoadBalancers' },
    },
    {
      name: "one load balancer's attributes denied",
      fixture: fixture({ locked: denied('elasticloadbalancing:DescribeLoadBalancerAttributes'), web: on('b') }),
      results: [
        { resource: arn('locked'), reasonCode: 'ACCESS_DENIED', action: 'elasticloadbalancing:DescribeLoadBalancerAttributes' },
        { status: 'PASSED', resource: arn('web'), reasonCode: 'ACCESS_LOGGING_ENABLED' },
      ],
    },
  ],
});
