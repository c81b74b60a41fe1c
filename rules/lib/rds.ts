/** Shared by the RDS rules (and the EFS rules, for a flag the list read did not report). */
import type { DBInstance } from '@aws-sdk/client-rds';
import { notAvailable, type ResourceRef, type RuleResult } from '../../src/engine/rule.js';

/**
 * RDS always reports the flags the rules judge; if one is missing the rule
 * cannot tell, and says so rather than guessing either way.
 */
export function flagNotReported(resource: ResourceRef, field: string, operation: string): RuleResult {
  return notAvailable(resource, `${operation} did not report ${field} for ${resource.name ?? resource.id}.`, {
    reasonCode: 'FIELD_NOT_REPORTED',
    evidence: { field },
  });
}

/** Engines that share the RDS API but that the RDS instance checks of AWS Config skip: Aurora, DocumentDB, Neptune. */
export function isClusterEngine(engine: string | undefined): boolean {
  const e = (engine ?? '').toLowerCase();
  return e.startsWith('aurora') || e === 'docdb' || e === 'neptune';
}

/** Does the instance belong to a DB cluster (an Aurora cluster or a Multi-AZ DB cluster)? */
export function isClusterMember(instance: DBInstance): boolean {
  return Boolean(instance.DBClusterIdentifier);
}
