import { defineRule } from '../../src/engine/rule.js';
import { evaluateInstanceFlag, flagReasonCodes, isClusterEngine, isClusterMember, rdsInstanceSettingSteps } from '../lib/rds.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'rds-instance-multi-az',
  title: 'RDS DB instances should be configured with multiple Availability Zones',
  securityHubControlId: 'RDS.5',
  severity: 'MEDIUM',
  cis: { '5.0.0': '2.2.4', '6.0.0': '3.2.4', '7.0.0': '3.2.4' },
  scope: 'region',
  resourceType: 'AwsRdsDbInstance',
  requiredActions: ['rds:DescribeDBInstances'],
  reasonCodes: flagReasonCodes({
    INSTANCE_MULTI_AZ: 'The DB instance is a Multi-AZ deployment.',
    INSTANCE_SINGLE_AZ: 'The DB instance runs in a single Availability Zone.',
  }),
  remediation: withSteps('rds-instance-multi-az', securityHubRemediation(
    'RDS.5',
    'Modify the DB instance and turn on Multi-AZ deployment (aws rds modify-db-instance --multi-az).',
  ), rdsInstanceSettingSteps({
    change: 'Turn on Multi-AZ deployment for the DB instance, in its Region (a standby in a second Availability Zone; it costs as much as the primary).',
    cliFlag: '--multi-az',
    cloudformation: 'MultiAZ: true',
    terraform: 'multi_az = true',
  })),
  evaluate: evaluateInstanceFlag(
    {
      field: 'MultiAZ',
      passWhen: true,
      passed: { code: 'INSTANCE_MULTI_AZ', text: (name) => `DB instance ${name} is a Multi-AZ deployment.` },
      failed: { code: 'INSTANCE_SINGLE_AZ', text: (name) => `DB instance ${name} runs in a single Availability Zone.` },
      evidence: (instance) => ({ MultiAZ: instance.MultiAZ ?? null, engine: instance.Engine ?? null }),
    },
    // Cluster members get their availability from the cluster (RDS.15); Aurora, DocumentDB
    // and Neptune instances are skipped by the AWS Config rule behind this control.
    (instance) => !isClusterMember(instance) && !isClusterEngine(instance.Engine),
  ),
});
