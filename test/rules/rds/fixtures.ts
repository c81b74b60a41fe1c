/** DB instances and clusters as DescribeDBInstances / DescribeDBClusters return them, for the RDS rule tests. */
import type { DBCluster, DBInstance } from '@aws-sdk/client-rds';

export function instance(id: string, fields: Partial<DBInstance> = {}, region = 'us-east-1'): DBInstance {
  return {
    DBInstanceIdentifier: id,
    DBInstanceArn: `arn:aws:rds:${region}:123456789012:db:${id}`,
    DBInstanceClass: 'db.t3.micro',
    Engine: 'postgres',
    EngineVersion: '16.3',
    DbiResourceId: `db-${id.toUpperCase()}`,
    PubliclyAccessible: false,
    StorageEncrypted: true,
    MultiAZ: true,
    AutoMinorVersionUpgrade: true,
    TagList: [{ Key: 'team', Value: 'data' }],
    ...fields,
  };
}

export function cluster(id: string, fields: Partial<DBCluster> = {}, region = 'us-east-1'): DBCluster {
  return {
    DBClusterIdentifier: id,
    DBClusterArn: `arn:aws:rds:${region}:123456789012:cluster:${id}`,
    Engine: 'aurora-postgresql',
    EngineVersion: '16.3',
    DbClusterResourceId: `cluster-${id.toUpperCase()}`,
    MultiAZ: true,
    ...fields,
  };
}
