/** The test table every RDS flag rule shares (RDS.2, RDS.3, RDS.5, RDS.13, RDS.15); each rule adds its own cases. */
import type { DBCluster, DBInstance } from '@aws-sdk/client-rds';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import type { RuleCases } from '../../helpers/rule-tester.js';
import { cluster, instance } from './fixtures.js';

export interface RdsFlagTable {
  kind: 'instance' | 'cluster';
  field: Extract<keyof DBInstance & keyof DBCluster, string>;
  /** The value of the field that passes. */
  passWhen: boolean;
  codes: { passed: string; failed: string };
  /** The rule's own cases, added to the shared ones. */
  extra?: Partial<RuleCases>;
}

export const INSTANCE_ARN = (id: string) => `arn:aws:rds:us-east-1:${TEST_ACCOUNT}:db:${id}`;
export const CLUSTER_ARN = (id: string) => `arn:aws:rds:us-east-1:${TEST_ACCOUNT}:cluster:${id}`;

export function rdsFlagCases({ kind, field, passWhen, codes, extra = {} }: RdsFlagTable): RuleCases {
  const key = kind === 'instance' ? 'rds.dbInstances' : 'rds.dbClusters';
  const action = kind === 'instance' ? 'rds:DescribeDBInstances' : 'rds:DescribeDBClusters';
  const make = kind === 'instance' ? instance : cluster;
  const arn = kind === 'instance' ? INSTANCE_ARN : CLUSTER_ARN;
  const one = (id: string, value: boolean | undefined) => ({ [key]: [make(id, { [field]: value })] });
  return {
    passed: [
      {
        name: `${field} ${String(passWhen)} passes`,
        fixture: one('good', passWhen),
        results: { resource: arn('good'), reasonCode: codes.passed, evidence: { [field]: passWhen } },
      },
      ...(extra.passed ?? []),
    ],
    failed: [
      {
        name: `${field} ${String(!passWhen)} fails`,
        fixture: one('bad', !passWhen),
        results: { resource: arn('bad'), reasonCode: codes.failed, evidence: { [field]: !passWhen } },
      },
      ...(extra.failed ?? []),
    ],
    notAvailable: [
      {
        name: `${field} not reported: the rule cannot tell`,
        fixture: one('unknown', undefined),
        results: {
          resource: arn('unknown'),
          reasonCode: 'FIELD_NOT_REPORTED',
          reason: `${action} did not report ${field} for unknown.`,
          evidence: { field },
        },
      },
      {
        name: `the ${kind}s cannot be listed`,
        fixture: { [key]: denied(action) },
        results: {
          resource: `AWS::::Account:${TEST_ACCOUNT}`,
          reasonCode: 'ACCESS_DENIED',
          action,
          reason: `Missing permission ${action} (AccessDenied)`,
        },
      },
      ...(extra.notAvailable ?? []),
    ],
  };
}
