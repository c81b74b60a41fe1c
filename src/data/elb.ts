/** Classic Load Balancer reads (Elastic Load Balancing, API version 2012-06-01). */
import { collect, defineAccessor, errorName } from './accessor.js';
import { required, requiredBoolean, requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const elasticLoadBalancingSdk = () => import('@aws-sdk/client-elastic-load-balancing');

export interface ClassicAccessLog {
  enabled: boolean;
  /** The S3 bucket logs go to; null when logging is off. */
  bucket: string | null;
}

export const elb = {
  /** The names of the Region's Classic Load Balancers (DescribeLoadBalancers, paginated), sorted. */
  loadBalancerNames: defineAccessor({
    actions: ['elasticloadbalancing:DescribeLoadBalancers'],
    async fetch(ctx): Promise<string[]> {
      const { ElasticLoadBalancingClient, paginateDescribeLoadBalancers } = await elasticLoadBalancingSdk();
      const action = 'elasticloadbalancing:DescribeLoadBalancers';
      const listed = await collect(paginateDescribeLoadBalancers({ client: ctx.client(ElasticLoadBalancingClient) }, {}), 'LoadBalancerDescriptions', action);
      return listed.map((lb) => requiredString(lb.LoadBalancerName, 'LoadBalancerName', action)).sort();
    },
  }),

  /** A Classic Load Balancer's access-log attribute (DescribeLoadBalancerAttributes); null when it is gone. */
  accessLog: defineAccessor({
    actions: ['elasticloadbalancing:DescribeLoadBalancerAttributes'],
    async fetch(ctx, name: string): Promise<ClassicAccessLog | null> {
      const { DescribeLoadBalancerAttributesCommand, ElasticLoadBalancingClient } = await elasticLoadBalancingSdk();
      const action = 'elasticloadbalancing:DescribeLoadBalancerAttributes';
      try {
        const out = await ctx.client(ElasticLoadBalancingClient).send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerName: name }));
        const log = required(required(out.LoadBalancerAttributes, 'LoadBalancerAttributes', action).AccessLog, 'AccessLog', action);
        const enabled = requiredBoolean(log.Enabled, 'AccessLog.Enabled', action);
        return { enabled, bucket: enabled && log.S3BucketName ? log.S3BucketName : null };
      } catch (error) {
        if (errorName(error) === 'LoadBalancerNotFound' || errorName(error) === 'AccessPointNotFoundException') return null;
        throw error;
      }
    },
  }),
};
