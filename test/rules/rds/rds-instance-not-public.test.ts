import { expect, it } from 'vitest';
import rule from '../../../rules/rds/rds-instance-not-public.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { testRule } from '../../helpers/rule-tester.js';
import { instance } from './fixtures.js';
import { INSTANCE_ARN, rdsFlagCases } from './rds.table.js';

testRule(
  rule,
  rdsFlagCases({
    kind: 'instance',
    field: 'PubliclyAccessible',
    passWhen: false,
    codes: { passed: 'INSTANCE_NOT_PUBLIC', failed: 'INSTANCE_PUBLICLY_ACCESSIBLE' },
    extra: {
      failed: [
        {
          name: 'publicly accessible instances fail and the others pass, whatever the engine',
          fixture: {
            'rds.dbInstances': [
              instance('private'),
              instance('public', { PubliclyAccessible: true }),
              instance('aurora-node', { Engine: 'aurora-mysql', DBClusterIdentifier: 'c1', PubliclyAccessible: true }),
            ],
          },
          results: [
            { status: 'PASSED', resource: INSTANCE_ARN('private'), reasonCode: 'INSTANCE_NOT_PUBLIC', reason: 'DB instance private is not publicly accessible.' },
            { resource: INSTANCE_ARN('public'), reasonCode: 'INSTANCE_PUBLICLY_ACCESSIBLE', reason: 'DB instance public is publicly accessible.' },
            { resource: INSTANCE_ARN('aurora-node'), reasonCode: 'INSTANCE_PUBLICLY_ACCESSIBLE' },
          ],
          check: ({ findings }) => {
            const failed = findings.find((f) => f.Resources?.[0]?.Id === INSTANCE_ARN('public'));
            expect(failed?.Severity?.Label).toBe('CRITICAL');
            expect(failed?.Resources?.[0]).toMatchObject({
              Type: 'AwsRdsDbInstance',
              Tags: { team: 'data' },
              Details: { AwsRdsDbInstance: { DBInstanceIdentifier: 'public', Engine: 'postgres' } },
            });
          },
        },
      ],
    },
  }),
);

const run = ruleHarness(rule);

it('gives no result in a Region without instances', async () => {
  expect((await run({ 'rds.dbInstances': [] })).results).toEqual([]);
});
