import rule from '../../../rules/rds/rds-instance-multi-az.js';
import { testRule } from '../../helpers/rule-tester.js';
import { instance } from './fixtures.js';
import { INSTANCE_ARN, rdsFlagCases } from './rds.table.js';

testRule(
  rule,
  rdsFlagCases({
    kind: 'instance',
    field: 'MultiAZ',
    passWhen: true,
    codes: { passed: 'INSTANCE_MULTI_AZ', failed: 'INSTANCE_SINGLE_AZ' },
    extra: {
      failed: [
        {
          name: 'single-AZ instances fail; cluster members and Aurora, DocumentDB and Neptune engines are skipped',
          fixture: {
            'rds.dbInstances': [
              instance('ha'),
              instance('single', { MultiAZ: false }),
              instance('replica', { MultiAZ: false, ReadReplicaSourceDBInstanceIdentifier: 'ha' }),
              instance('mysql-member', { Engine: 'mysql', DBClusterIdentifier: 'maz-cluster', MultiAZ: false }),
              instance('aurora-alone', { Engine: 'aurora-postgresql', MultiAZ: false }),
              instance('docs', { Engine: 'docdb', MultiAZ: false }),
              instance('graph', { Engine: 'neptune', MultiAZ: false }),
            ],
          },
          results: [
            { status: 'PASSED', resource: INSTANCE_ARN('ha'), reasonCode: 'INSTANCE_MULTI_AZ', reason: 'DB instance ha is a Multi-AZ deployment.' },
            { resource: INSTANCE_ARN('single'), reasonCode: 'INSTANCE_SINGLE_AZ', reason: 'DB instance single runs in a single Availability Zone.' },
            { resource: INSTANCE_ARN('replica'), reasonCode: 'INSTANCE_SINGLE_AZ' },
          ],
        },
      ],
    },
  }),
);
