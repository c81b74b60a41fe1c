/**
 * RDS reads. DescribeDBInstances and DescribeDBClusters carry every field the
 * RDS rules judge (PubliclyAccessible, StorageEncrypted, MultiAZ,
 * AutoMinorVersionUpgrade, the engine and the cluster membership), so one
 * paginated list per Region serves them all. The RDS API also lists DocumentDB
 * and Neptune instances and clusters; the rules decide what to do with them.
 */
import type { DBCluster, DBInstance } from '@aws-sdk/client-rds';
import { collect, defineAccessor } from './accessor.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const rdsSdk = () => import('@aws-sdk/client-rds');

export const rds = {
  /** Every DB instance of the Region. */
  dbInstances: defineAccessor({
    actions: ['rds:DescribeDBInstances'],
    async fetch(ctx): Promise<DBInstance[]> {
      const { RDSClient, paginateDescribeDBInstances } = await rdsSdk();
      const instances = await collect(paginateDescribeDBInstances({ client: ctx.client(RDSClient) }, {}), 'DBInstances', 'rds:DescribeDBInstances');
      return instances.sort((a, b) => (a.DBInstanceArn ?? '').localeCompare(b.DBInstanceArn ?? ''));
    },
  }),

  /** Every DB cluster of the Region (Aurora, Multi-AZ DB clusters, and the DocumentDB and Neptune ones the API also lists). */
  dbClusters: defineAccessor({
    actions: ['rds:DescribeDBClusters'],
    async fetch(ctx): Promise<DBCluster[]> {
      const { RDSClient, paginateDescribeDBClusters } = await rdsSdk();
      const clusters = await collect(paginateDescribeDBClusters({ client: ctx.client(RDSClient) }, {}), 'DBClusters', 'rds:DescribeDBClusters');
      return clusters.sort((a, b) => (a.DBClusterArn ?? '').localeCompare(b.DBClusterArn ?? ''));
    },
  }),
};
