/** Lambda reads: the Region's functions and each function's resource-based policy. */
import { collect, defineAccessor, errorName } from './accessor.js';
import { resourcePolicy, type NamedResource, type ResourcePolicy } from './resource-policy.js';
import { requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const lambdaSdk = () => import('@aws-sdk/client-lambda');

export const lambda = {
  /** The Region's functions (ListFunctions, paginated), sorted by ARN. */
  functions: defineAccessor({
    actions: ['lambda:ListFunctions'],
    async fetch(ctx): Promise<NamedResource[]> {
      const { LambdaClient, paginateListFunctions } = await lambdaSdk();
      const listed = await collect(paginateListFunctions({ client: ctx.client(LambdaClient) }, {}), 'Functions', 'lambda:ListFunctions');
      return listed
        .map((f) => ({ name: requiredString(f.FunctionName, 'FunctionName', 'lambda:ListFunctions'), arn: requiredString(f.FunctionArn, 'FunctionArn', 'lambda:ListFunctions') }))
        .sort((a, b) => a.arn.localeCompare(b.arn));
    },
  }),

  /**
   * A function's resource-based policy (GetPolicy). Lambda answers
   * ResourceNotFoundException both for a function without a policy and for a
   * function deleted since ListFunctions; both read as "no policy".
   */
  functionPolicy: defineAccessor({
    actions: ['lambda:GetPolicy'],
    async fetch(ctx, functionName: string): Promise<ResourcePolicy> {
      const { GetPolicyCommand, LambdaClient } = await lambdaSdk();
      try {
        const out = await ctx.client(LambdaClient).send(new GetPolicyCommand({ FunctionName: functionName }));
        return resourcePolicy(requiredString(out.Policy, 'Policy', 'lambda:GetPolicy'));
      } catch (error) {
        if (errorName(error) === 'ResourceNotFoundException') return resourcePolicy(null);
        throw error;
      }
    },
  }),
};
