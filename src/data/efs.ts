/** EFS reads: DescribeFileSystems carries `Encrypted` and `KmsKeyId`, so one paginated list per Region serves the EFS rules. */
import type { FileSystemDescription } from '@aws-sdk/client-efs';
import { collect, defineAccessor } from './accessor.js';

/** Loaded on first read, not at start: see "SDK modules load lazily" in clients.ts. */
const efsSdk = () => import('@aws-sdk/client-efs');

export const efs = {
  /** Every EFS file system of the Region. */
  fileSystems: defineAccessor({
    actions: ['elasticfilesystem:DescribeFileSystems'],
    async fetch(ctx): Promise<FileSystemDescription[]> {
      const { EFSClient, paginateDescribeFileSystems } = await efsSdk();
      const systems = await collect(paginateDescribeFileSystems({ client: ctx.client(EFSClient) }, {}), 'FileSystems', 'elasticfilesystem:DescribeFileSystems');
      return systems.sort((a, b) => (a.FileSystemId ?? '').localeCompare(b.FileSystemId ?? ''));
    },
  }),
};
