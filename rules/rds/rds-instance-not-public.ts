import { defineRule } from '../../src/engine/rule.js';
import { evaluateInstanceFlag, flagReasonCodes, rdsInstanceSettingSteps } from '../lib/rds.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'rds-instance-not-public',
  title: 'RDS DB instances should prohibit public access, as determined by the PubliclyAccessible configuration',
  securityHubControlId: 'RDS.2',
  severity: 'CRITICAL',
  cis: { '3.0.0': '2.3.3', '5.0.0': '2.2.3', '6.0.0': '3.2.3', '7.0.0': '3.2.3' },
  scope: 'region',
  resourceType: 'AwsRdsDbInstance',
  requiredActions: ['rds:DescribeDBInstances'],
  reasonCodes: flagReasonCodes({
    INSTANCE_NOT_PUBLIC: 'The DB instance is not publicly accessible.',
    INSTANCE_PUBLICLY_ACCESSIBLE: 'The DB instance is publicly accessible (PubliclyAccessible is true).',
  }),
  remediation: withSteps('rds-instance-not-public', securityHubRemediation(
    'RDS.2',
    'Modify the DB instance and set Public access to "Not publicly accessible" (aws rds modify-db-instance --no-publicly-accessible --apply-immediately).',
  ), rdsInstanceSettingSteps({
    change: 'Make the DB instance not publicly accessible, in its Region; clients then reach it from inside the VPC or through a VPN or peering.',
    cliFlag: '--no-publicly-accessible',
    cloudformation: 'PubliclyAccessible: false',
    terraform: 'publicly_accessible = false',
  })),
  evaluate: evaluateInstanceFlag({
    field: 'PubliclyAccessible',
    passWhen: false,
    passed: { code: 'INSTANCE_NOT_PUBLIC', text: (name) => `DB instance ${name} is not publicly accessible.` },
    failed: { code: 'INSTANCE_PUBLICLY_ACCESSIBLE', text: (name) => `DB instance ${name} is publicly accessible.` },
    evidence: (instance) => ({ PubliclyAccessible: instance.PubliclyAccessible ?? null, engine: instance.Engine ?? null }),
  }),
});
