/** EFS reads: DescribeFileSystems carries `Encrypted` and `KmsKeyId`, so one paginated list per Region serves the EFS rules. */
import { EFSClient, paginateDescribeFileSystems, type FileSystemDescription } from '@aws-sdk/client-efs';
import { collect, defineAccessor } from './accessor.js';

export const efs = {
  /** Every EFS file system of the Region. */
  fileSystems: defineAccessor({
    actions: ['elasticfilesystem:DescribeFileSystems'],
    async fetch(ctx): Promise<FileSystemDescription[]> {
      const systems = await collect(paginateDescribeFileSystems({ client: ctx.client(EFSClient) }, {}), 'FileSystems', 'elasticfilesystem:DescribeFileSystems');
      return systems.sort((a, b) => (a.FileSystemId ?? '').localeCompare(b.FileSystemId ?? ''));
    },
  }),
};
