import { defineRule, fail, pass } from '../../src/engine/rule.js';
import { flagNotReported } from '../lib/rds.js';
import { securityHubRemediation } from '../lib/remediation.js';
import { rdsClusterResource } from '../lib/resources.js';

export default defineRule({
  id: 'rds-cluster-multi-az',
  title: 'RDS DB clusters should be configured for multiple Availability Zones',
  securityHubControlId: 'RDS.15',
  severity: 'MEDIUM',
  cis: { '5.0.0': '2.2.4', '6.0.0': '3.2.4', '7.0.0': '3.2.4' },
  scope: 'region',
  resourceType: 'AwsRdsDbCluster',
  requiredActions: ['rds:DescribeDBClusters'],
  remediation: securityHubRemediation(
    'RDS.15',
    'Add a reader instance in another Availability Zone to the cluster (Aurora), or recreate it as a Multi-AZ DB cluster.',
  ),
  async evaluate({ data, account, region, partition }) {
    const clusters = await data.rds.dbClusters();
    return clusters.map((cluster) => {
      const resource = rdsClusterResource(cluster, partition, region, account);
      const name = cluster.DBClusterIdentifier ?? resource.id;
      if (cluster.MultiAZ === undefined) return flagNotReported(resource, 'MultiAZ', 'rds:DescribeDBClusters');
      const evidence = { MultiAZ: cluster.MultiAZ, engine: cluster.Engine ?? null, members: cluster.DBClusterMembers?.length ?? 0 };
      return cluster.MultiAZ
        ? pass(resource, `DB cluster ${name} spans several Availability Zones.`, { evidence })
        : fail(resource, `DB cluster ${name} runs in a single Availability Zone.`, { evidence });
    });
  },
});
