/** Secrets Manager reads: the Region's secrets and each secret's resource policy. */
import { collect, defineAccessor, errorName } from './accessor.js';
import { resourcePolicy, type NamedResource, type ResourcePolicy } from './resource-policy.js';
import { requiredString } from './shape.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const secretsManagerSdk = () => import('@aws-sdk/client-secrets-manager');

export const secretsmanager = {
  /** The Region's secrets (ListSecrets, paginated), sorted by ARN. */
  secrets: defineAccessor({
    actions: ['secretsmanager:ListSecrets'],
    async fetch(ctx): Promise<NamedResource[]> {
      const { SecretsManagerClient, paginateListSecrets } = await secretsManagerSdk();
      const listed = await collect(paginateListSecrets({ client: ctx.client(SecretsManagerClient) }, {}), 'SecretList', 'secretsmanager:ListSecrets');
      return listed
        .map((s) => ({ name: requiredString(s.Name, 'Name', 'secretsmanager:ListSecrets'), arn: requiredString(s.ARN, 'ARN', 'secretsmanager:ListSecrets') }))
        .sort((a, b) => a.arn.localeCompare(b.arn));
    },
  }),

  /**
   * A secret's resource policy (GetResourcePolicy): the answer names the secret
   * and carries `ResourcePolicy` only when there is one. null when the secret is gone.
   */
  secretPolicy: defineAccessor({
    actions: ['secretsmanager:GetResourcePolicy'],
    async fetch(ctx, secretArn: string): Promise<ResourcePolicy | null> {
      const { GetResourcePolicyCommand, SecretsManagerClient } = await secretsManagerSdk();
      try {
        const out = await ctx.client(SecretsManagerClient).send(new GetResourcePolicyCommand({ SecretId: secretArn }));
        // An answer that does not even name the secret is malformed, never "no policy".
        requiredString(out.ARN, 'ARN', 'secretsmanager:GetResourcePolicy');
        return resourcePolicy(out.ResourcePolicy);
      } catch (error) {
        if (errorName(error) === 'ResourceNotFoundException') return null;
        throw error;
      }
    },
  }),
};
