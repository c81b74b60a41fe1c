import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { flagNotReported } from '../lib/rds.js';
import { securityHubRemediation } from '../lib/remediation.js';
import { rdsInstanceResource } from '../lib/resources.js';

export default defineRule({
  id: 'rds-instance-auto-minor-version-upgrade',
  title: 'RDS automatic minor version upgrades should be enabled',
  securityHubControlId: 'RDS.13',
  severity: 'HIGH',
  cis: { '3.0.0': '2.3.2', '5.0.0': '2.2.2', '6.0.0': '3.2.2', '7.0.0': '3.2.2' },
  scope: 'region',
  resourceType: 'AwsRdsDbInstance',
  requiredActions: ['rds:DescribeDBInstances'],
  remediation: securityHubRemediation(
    'RDS.13',
    'Modify the DB instance and turn on automatic minor version upgrade (aws rds modify-db-instance --auto-minor-version-upgrade).',
  ),
  async evaluate({ data, account, region, partition }) {
    const instances = await data.rds.dbInstances();
    return instances.map((instance) => {
      const resource = rdsInstanceResource(instance, partition, region, account);
      const name = instance.DBInstanceIdentifier ?? resource.id;
      if (instance.AutoMinorVersionUpgrade === undefined) {
        return flagNotReported(resource, 'AutoMinorVersionUpgrade', 'rds:DescribeDBInstances');
      }
      const evidence = { AutoMinorVersionUpgrade: instance.AutoMinorVersionUpgrade, engine: instance.Engine ?? null };
      return instance.AutoMinorVersionUpgrade
        ? pass(resource, `DB instance ${name} upgrades minor versions automatically.`, { evidence })
        : fail(resource, `DB instance ${name} has automatic minor version upgrade turned off.`, { evidence });
    });
  },
});
