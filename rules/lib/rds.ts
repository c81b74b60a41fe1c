/**
 * Shared by the RDS rules (and the EFS rules, for a flag the list read did not
 * report). Every RDS rule judges one boolean field of each DB instance or DB
 * cluster of the Region; `judgeFlag` is that judgement, and
 * `evaluateInstanceFlag` / `evaluateClusterFlag` apply it to the Region's list.
 */
import type { DBCluster, DBInstance } from '@aws-sdk/client-rds';
import {
  fail,
  notAvailable,
  pass,
  type Evidence,
  type ReasonCodes,
  type RemediationSteps,
  type ResourceRef,
  type RuleContext,
  type RuleResult,
} from '../../src/engine/rule.js';
import { rdsClusterResource, rdsInstanceResource } from './resources.js';

/** The code of a flag the list read did not report. */
export const FIELD_NOT_REPORTED_CODE = {
  FIELD_NOT_REPORTED: 'The list read did not report the field the rule judges, so the rule cannot tell.',
} as const satisfies ReasonCodes;

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

/** What one RDS rule judges: a boolean field, the value that passes, and what each outcome says. */
export interface FlagCheck<T> {
  field: keyof T & string;
  /** The value of the field that passes. */
  passWhen: boolean;
  passed: { code: string; text: (name: string) => string };
  failed: { code: string; text: (name: string) => string };
  evidence: (item: T) => Evidence;
}

/** The reason codes of a flag check: its own two and FIELD_NOT_REPORTED. */
export function flagReasonCodes(codes: Record<string, string>): ReasonCodes {
  return { ...codes, ...FIELD_NOT_REPORTED_CODE };
}

function judgeFlag<T>(item: T, resource: ResourceRef, name: string, operation: string, check: FlagCheck<T>): RuleResult {
  const value = item[check.field];
  if (value === undefined) return flagNotReported(resource, check.field, operation);
  const evidence = check.evidence(item);
  return value === check.passWhen
    ? pass(resource, check.passed.text(name), { reasonCode: check.passed.code, evidence })
    : fail(resource, check.failed.text(name), { reasonCode: check.failed.code, evidence });
}

type Scope = Pick<RuleContext, 'data' | 'account' | 'region' | 'partition'>;

/** One result per DB instance of the Region (those `include` keeps). */
export function evaluateInstanceFlag(check: FlagCheck<DBInstance>, include: (instance: DBInstance) => boolean = () => true) {
  return async ({ data, account, region, partition }: Scope): Promise<RuleResult[]> => {
    const instances = await data.rds.dbInstances();
    return instances.filter(include).map((instance) => {
      const resource = rdsInstanceResource(instance, partition, region, account);
      return judgeFlag(instance, resource, instance.DBInstanceIdentifier ?? resource.id, 'rds:DescribeDBInstances', check);
    });
  };
}

/** One result per DB cluster of the Region. */
export function evaluateClusterFlag(check: FlagCheck<DBCluster>) {
  return async ({ data, account, region, partition }: Scope): Promise<RuleResult[]> => {
    const clusters = await data.rds.dbClusters();
    return clusters.map((cluster) => {
      const resource = rdsClusterResource(cluster, partition, region, account);
      return judgeFlag(cluster, resource, cluster.DBClusterIdentifier ?? resource.id, 'rds:DescribeDBClusters', check);
    });
  };
}

/**
 * The fix of an RDS instance setting that can be changed in place: one
 * modify-db-instance flag, and the same property in CloudFormation and Terraform.
 */
export function rdsInstanceSettingSteps(setting: { change: string; cliFlag: string; cloudformation: string; terraform: string }): RemediationSteps {
  return {
    change: `${setting.change} The change applies at the next maintenance window unless --apply-immediately is given.`,
    cli: [`aws rds modify-db-instance --region {{region}} --db-instance-identifier {{resource}} ${setting.cliFlag} --apply-immediately`],
    cloudformation: `# Set on the existing AWS::RDS::DBInstance resource; the other properties stay as they are.
Database:
  Type: AWS::RDS::DBInstance
  Properties:
    DBInstanceIdentifier: "{{resource}}"
    DBInstanceClass: db.t3.micro
    Engine: postgres
    ${setting.cloudformation}
`,
    terraform: `# Set on the existing aws_db_instance resource; the other arguments stay as they are.
resource "aws_db_instance" "database" {
  identifier     = "{{resource}}"
  instance_class = "db.t3.micro"
  engine         = "postgres"

  ${setting.terraform}
}
`,
  };
}
