import { expect } from 'vitest';
import rule from '../../../rules/rds/rds-cluster-multi-az.js';
import { testRule } from '../../helpers/rule-tester.js';
import { cluster } from './fixtures.js';
import { CLUSTER_ARN, rdsFlagCases } from './rds.table.js';

testRule(
  rule,
  rdsFlagCases({
    kind: 'cluster',
    field: 'MultiAZ',
    passWhen: true,
    codes: { passed: 'CLUSTER_MULTI_AZ', failed: 'CLUSTER_SINGLE_AZ' },
    extra: {
      failed: [
        {
          name: 'Multi-AZ clusters pass, single-AZ ones fail, each with its members counted',
          fixture: {
            'rds.dbClusters': [
              cluster('spread', { DBClusterMembers: [{ DBInstanceIdentifier: 'w' }, { DBInstanceIdentifier: 'r' }] }),
              cluster('lonely', { MultiAZ: false, DBClusterMembers: [{ DBInstanceIdentifier: 'w' }] }),
            ],
          },
          results: [
            { status: 'PASSED', resource: CLUSTER_ARN('spread'), reasonCode: 'CLUSTER_MULTI_AZ', evidence: { MultiAZ: true, members: 2 } },
            {
              resource: CLUSTER_ARN('lonely'),
              reasonCode: 'CLUSTER_SINGLE_AZ',
              reason: 'DB cluster lonely runs in a single Availability Zone.',
              evidence: { MultiAZ: false, members: 1, engine: 'aurora-postgresql' },
            },
          ],
          check: ({ findings }) =>
            expect(findings[1]?.Resources?.[0]).toMatchObject({
              Type: 'AwsRdsDbCluster',
              Id: CLUSTER_ARN('lonely'),
              Details: { AwsRdsDbCluster: { DbClusterIdentifier: 'lonely', Engine: 'aurora-postgresql' } },
            }),
        },
      ],
    },
  }),
);
