/**
 * CIS v7.0.0 2.21 for resources listed first and read one by one (SQS queues,
 * Lambda functions, ECR repositories, Secrets Manager secrets): one result per
 * resource, judged by rules/lib/public-principal.ts. A resource without a
 * policy passes with the rule's own reason code; one gone since it was listed
 * gets no result; an unreadable policy leaves that resource NOT_AVAILABLE.
 */
import { DataUnavailable } from '../../src/data/errors.js';
import type { ResourcePolicy } from '../../src/data/resource-policy.js';
import { attempt, pass, unavailable, type ResourceRef, type RuleResult } from '../../src/engine/rule.js';
import { judgeResourcePolicy } from './public-principal.js';

export interface PolicyReader<T> {
  resource(item: T): ResourceRef;
  /** Names the resource in reasons: "SQS queue orders". */
  label(item: T): string;
  /** The item's policy; null when the item is gone. */
  read(item: T): Promise<ResourcePolicy | null>;
  /** The reason code of a resource with no policy at all (PASSED). */
  noPolicyCode: string;
}

export async function judgeResourcePolicies<T>(items: readonly T[], reader: PolicyReader<T>): Promise<RuleResult[]> {
  const results = await Promise.all(
    items.map(async (item) => {
      const resource = reader.resource(item);
      const policy = await attempt(reader.read(item));
      if (policy instanceof DataUnavailable) return unavailable(resource, policy);
      if (policy === null) return null;
      if (policy.text === null) {
        return pass(resource, `${reader.label(item)} has no resource policy.`, { reasonCode: reader.noPolicyCode, evidence: { resourcePolicy: 'none' } });
      }
      return judgeResourcePolicy(resource, reader.label(item), policy.document);
    }),
  );
  return results.filter((r) => r !== null);
}
