/**
 * Is an S3 bucket public through its ACL or its policy, once Block Public
 * Access is applied? Used by CloudTrail.6 on the trail's bucket.
 *
 * The policy is judged here rather than with GetBucketPolicyStatus: the same
 * statement-level reading works everywhere the policy can be read (moto, for
 * one, has no GetBucketPolicyStatus), and the finding can say which statement
 * makes the bucket public.
 */
import type { Grant } from '@aws-sdk/client-s3';
import type { PolicyDocument, PolicyStatement } from '../../src/data/policy-document.js';
import type { PublicAccessBlock } from '../../src/data/s3.js';

const PUBLIC_GROUPS: Record<string, string> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers',
};

/** ACL grants to everyone or to any AWS user, as `AllUsers:READ`. */
export function publicAclGrants(grants: readonly Grant[]): string[] {
  return grants.flatMap((g) => {
    const group = PUBLIC_GROUPS[g.Grantee?.URI ?? ''];
    return group ? [`${group}:${g.Permission ?? 'UNKNOWN'}`] : [];
  });
}

/**
 * Condition keys that pin a statement to known callers or networks: a
 * statement restricted by one of them is not public (the keys AWS's own
 * "public" evaluation accepts).
 */
const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalServiceName',
    'aws:userid',
    'aws:username',
    's3:DataAccessPointArn',
    's3:DataAccessPointAccount',
  ].map((k) => k.toLowerCase()),
);

function principalIsPublic(principal: PolicyStatement['Principal']): boolean {
  if (principal === undefined) return false;
  if (principal === '*') return true;
  return Object.values(principal).some((ids) => ids.includes('*'));
}

function restricted(statement: PolicyStatement): boolean {
  return Object.entries(statement.Condition).some(
    ([operator, keys]) =>
      !/IfExists$/i.test(operator) &&
      Object.entries(keys).some(([key, values]) => {
        if (!RESTRICTING_KEYS.has(key.toLowerCase()) || values.length === 0) return false;
        if (values.some((v) => v === '*')) return false;
        if (key.toLowerCase() === 'aws:sourceip') return !values.some((v) => /\/0$/.test(v));
        return true;
      }),
  );
}

/** Allow statements open to any principal and not pinned down by a restricting condition. */
export function publicPolicyStatements(document: PolicyDocument | null): PolicyStatement[] {
  return (document?.Statement ?? []).filter((s) => s.Effect === 'Allow' && principalIsPublic(s.Principal) && !restricted(s));
}

/** A Block Public Access setting on at the bucket or at the account. */
export function blocked(setting: keyof PublicAccessBlock, ...blocks: (PublicAccessBlock | null)[]): boolean {
  return blocks.some((b) => b?.[setting] === true);
}
