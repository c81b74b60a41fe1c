/** Elastic Load Balancing v2 reads (Application, Network and Gateway Load Balancers). */
import { collect, defineAccessor, errorName } from './accessor.js';
import { requiredList, requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const elasticLoadBalancingV2Sdk = () => import('@aws-sdk/client-elastic-load-balancing-v2');

export interface LoadBalancerV2 {
  name: string;
  arn: string;
  /** application | network | gateway */
  type: string;
}

export const elbv2 = {
  /** The Region's load balancers (DescribeLoadBalancers, paginated), sorted by ARN. */
  loadBalancers: defineAccessor({
    actions: ['elasticloadbalancing:DescribeLoadBalancers'],
    async fetch(ctx): Promise<LoadBalancerV2[]> {
      const { ElasticLoadBalancingV2Client, paginateDescribeLoadBalancers } = await elasticLoadBalancingV2Sdk();
      const action = 'elasticloadbalancing:DescribeLoadBalancers';
      const listed = await collect(paginateDescribeLoadBalancers({ client: ctx.client(ElasticLoadBalancingV2Client) }, {}), 'LoadBalancers', action);
      return listed
        .map((lb) => ({ name: requiredString(lb.LoadBalancerName, 'LoadBalancerName', action), arn: requiredString(lb.LoadBalancerArn, 'LoadBalancerArn', action), type: lb.Type ?? 'application' }))
        .sort((a, b) => a.arn.localeCompare(b.arn));
    },
  }),

  /** A load balancer's attributes as key -> value (DescribeLoadBalancerAttributes); null when it is gone. */
  attributes: defineAccessor({
    actions: ['elasticloadbalancing:DescribeLoadBalancerAttributes'],
    async fetch(ctx, arn: string): Promise<Record<string, string> | null> {
      const { DescribeLoadBalancerAttributesCommand, ElasticLoadBalancingV2Client } = await elasticLoadBalancingV2Sdk();
      const action = 'elasticloadbalancing:DescribeLoadBalancerAttributes';
      try {
        const out = await ctx.client(ElasticLoadBalancingV2Client).send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }));
        return Object.fromEntries(requiredList(out.Attributes, 'Attributes', action).map((a) => [a.Key ?? '', a.Value ?? '']));
      } catch (error) {
        if (errorName(error) === 'LoadBalancerNotFoundException' || errorName(error) === 'LoadBalancerNotFound') return null;
        throw error;
      }
    },
  }),
};
