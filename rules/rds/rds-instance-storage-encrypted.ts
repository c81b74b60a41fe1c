import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { flagNotReported } from '../lib/rds.js';
import { securityHubRemediation } from '../lib/remediation.js';
import { rdsInstanceResource } from '../lib/resources.js';

export default defineRule({
  id: 'rds-instance-storage-encrypted',
  title: 'RDS DB instances should have encryption at-rest enabled',
  securityHubControlId: 'RDS.3',
  severity: 'MEDIUM',
  cis: { '1.4.0': '2.3.1', '3.0.0': '2.3.1', '5.0.0': '2.2.1', '6.0.0': '3.2.1', '7.0.0': '3.2.1' },
  scope: 'region',
  resourceType: 'AwsRdsDbInstance',
  requiredActions: ['rds:DescribeDBInstances'],
  remediation: securityHubRemediation(
    'RDS.3',
    'Encryption cannot be turned on for an existing instance: take a snapshot, copy it with encryption (a KMS key), restore a new instance from the encrypted copy and move clients to it.',
  ),
  async evaluate({ data, account, region, partition }) {
    const instances = await data.rds.dbInstances();
    return instances.map((instance) => {
      const resource = rdsInstanceResource(instance, partition, region, account);
      const name = instance.DBInstanceIdentifier ?? resource.id;
      if (instance.StorageEncrypted === undefined) return flagNotReported(resource, 'StorageEncrypted', 'rds:DescribeDBInstances');
      const evidence = { StorageEncrypted: instance.StorageEncrypted, KmsKeyId: instance.KmsKeyId ?? null, engine: instance.Engine ?? null };
      return instance.StorageEncrypted
        ? pass(resource, `DB instance ${name} has encrypted storage.`, { evidence })
        : fail(resource, `DB instance ${name} does not encrypt its storage.`, { evidence });
    });
  },
});
