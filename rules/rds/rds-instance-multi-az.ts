import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { flagNotReported, isClusterEngine, isClusterMember } from '../lib/rds.js';
import { securityHubRemediation } from '../lib/remediation.js';
import { rdsInstanceResource } from '../lib/resources.js';

export default defineRule({
  id: 'rds-instance-multi-az',
  title: 'RDS DB instances should be configured with multiple Availability Zones',
  securityHubControlId: 'RDS.5',
  severity: 'MEDIUM',
  cis: { '5.0.0': '2.2.4', '6.0.0': '3.2.4', '7.0.0': '3.2.4' },
  scope: 'region',
  resourceType: 'AwsRdsDbInstance',
  requiredActions: ['rds:DescribeDBInstances'],
  remediation: securityHubRemediation(
    'RDS.5',
    'Modify the DB instance and turn on Multi-AZ deployment (aws rds modify-db-instance --multi-az).',
  ),
  async evaluate({ data, account, region, partition }) {
    const instances = await data.rds.dbInstances();
    return instances
      // Cluster members get their availability from the cluster (RDS.15); Aurora, DocumentDB
      // and Neptune instances are skipped by the AWS Config rule behind this control.
      .filter((instance) => !isClusterMember(instance) && !isClusterEngine(instance.Engine))
      .map((instance) => {
        const resource = rdsInstanceResource(instance, partition, region, account);
        const name = instance.DBInstanceIdentifier ?? resource.id;
        if (instance.MultiAZ === undefined) return flagNotReported(resource, 'MultiAZ', 'rds:DescribeDBInstances');
        const evidence = { MultiAZ: instance.MultiAZ, engine: instance.Engine ?? null };
        return instance.MultiAZ
          ? pass(resource, `DB instance ${name} is a Multi-AZ deployment.`, { evidence })
          : fail(resource, `DB instance ${name} runs in a single Availability Zone.`, { evidence });
      });
  },
});
