import { defineRule } from '../../src/engine/rule.js';
import { evaluateInstanceFlag, flagReasonCodes, rdsInstanceSettingSteps } from '../lib/rds.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';

export default defineRule({
  id: 'rds-instance-auto-minor-version-upgrade',
  title: 'RDS automatic minor version upgrades should be enabled',
  securityHubControlId: 'RDS.13',
  severity: 'HIGH',
  cis: { '3.0.0': '2.3.2', '5.0.0': '2.2.2', '6.0.0': '3.2.2', '7.0.0': '3.2.2' },
  scope: 'region',
  resourceType: 'AwsRdsDbInstance',
  requiredActions: ['rds:DescribeDBInstances'],
  reasonCodes: flagReasonCodes({
    AUTO_MINOR_UPGRADE_ENABLED: 'The DB instance upgrades minor versions automatically.',
    AUTO_MINOR_UPGRADE_DISABLED: 'The DB instance has automatic minor version upgrade turned off.',
  }),
  remediation: withSteps('rds-instance-auto-minor-version-upgrade', securityHubRemediation(
    'RDS.13',
    'Modify the DB instance and turn on automatic minor version upgrade (aws rds modify-db-instance --auto-minor-version-upgrade).',
  ), rdsInstanceSettingSteps({
    change: 'Turn on automatic minor version upgrade for the DB instance, in its Region.',
    cliFlag: '--auto-minor-version-upgrade',
    cloudformation: 'AutoMinorVersionUpgrade: true',
    terraform: 'auto_minor_version_upgrade = true',
  })),
  evaluate: evaluateInstanceFlag({
    field: 'AutoMinorVersionUpgrade',
    passWhen: true,
    passed: { code: 'AUTO_MINOR_UPGRADE_ENABLED', text: (name) => `DB instance ${name} upgrades minor versions automatically.` },
    failed: { code: 'AUTO_MINOR_UPGRADE_DISABLED', text: (name) => `DB instance ${name} has automatic minor version upgrade turned off.` },
    evidence: (instance) => ({ AutoMinorVersionUpgrade: instance.AutoMinorVersionUpgrade ?? null, engine: instance.Engine ?? null }),
  }),
});
