import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { flagNotReported } from '../lib/rds.js';
import { securityHubRemediation } from '../lib/remediation.js';
import { rdsInstanceResource } from '../lib/resources.js';

export default defineRule({
  id: 'rds-instance-not-public',
  title: 'RDS DB instances should prohibit public access, as determined by the PubliclyAccessible configuration',
  securityHubControlId: 'RDS.2',
  severity: 'CRITICAL',
  cis: { '3.0.0': '2.3.3', '5.0.0': '2.2.3', '6.0.0': '3.2.3', '7.0.0': '3.2.3' },
  scope: 'region',
  resourceType: 'AwsRdsDbInstance',
  requiredActions: ['rds:DescribeDBInstances'],
  remediation: securityHubRemediation(
    'RDS.2',
    'Modify the DB instance and set Public access to "Not publicly accessible" (aws rds modify-db-instance --no-publicly-accessible --apply-immediately).',
  ),
  async evaluate({ data, account, region, partition }) {
    const instances = await data.rds.dbInstances();
    return instances.map((instance) => {
      const resource = rdsInstanceResource(instance, partition, region, account);
      const name = instance.DBInstanceIdentifier ?? resource.id;
      if (instance.PubliclyAccessible === undefined) return flagNotReported(resource, 'PubliclyAccessible', 'rds:DescribeDBInstances');
      const evidence = { PubliclyAccessible: instance.PubliclyAccessible, engine: instance.Engine ?? null };
      return instance.PubliclyAccessible
        ? fail(resource, `DB instance ${name} is publicly accessible.`, { evidence })
        : pass(resource, `DB instance ${name} is not publicly accessible.`, { evidence });
    });
  },
});
