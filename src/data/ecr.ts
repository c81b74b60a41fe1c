/** ECR reads: the Region's private repositories and each repository's policy. */
import { collect, defineAccessor, errorName } from './accessor.js';
import { resourcePolicy, type NamedResource, type ResourcePolicy } from './resource-policy.js';
import { requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const ecrSdk = () => import('@aws-sdk/client-ecr');

export const ecr = {
  /** The Region's repositories (DescribeRepositories, paginated), sorted by ARN. */
  repositories: defineAccessor({
    actions: ['ecr:DescribeRepositories'],
    async fetch(ctx): Promise<NamedResource[]> {
      const { ECRClient, paginateDescribeRepositories } = await ecrSdk();
      const listed = await collect(paginateDescribeRepositories({ client: ctx.client(ECRClient) }, {}), 'repositories', 'ecr:DescribeRepositories');
      return listed
        .map((r) => ({ name: requiredString(r.repositoryName, 'repositoryName', 'ecr:DescribeRepositories'), arn: requiredString(r.repositoryArn, 'repositoryArn', 'ecr:DescribeRepositories') }))
        .sort((a, b) => a.arn.localeCompare(b.arn));
    },
  }),

  /** A repository's policy (GetRepositoryPolicy); text null without one; null when the repository is gone. */
  repositoryPolicy: defineAccessor({
    actions: ['ecr:GetRepositoryPolicy'],
    async fetch(ctx, repositoryName: string): Promise<ResourcePolicy | null> {
      const { ECRClient, GetRepositoryPolicyCommand } = await ecrSdk();
      try {
        const out = await ctx.client(ECRClient).send(new GetRepositoryPolicyCommand({ repositoryName }));
        return resourcePolicy(requiredString(out.policyText, 'policyText', 'ecr:GetRepositoryPolicy'));
      } catch (error) {
        const name = errorName(error);
        if (name === 'RepositoryPolicyNotFoundException') return resourcePolicy(null);
        if (name === 'RepositoryNotFoundException') return null;
        throw error;
      }
    },
  }),
};
