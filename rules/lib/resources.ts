/** ASFF resource references for the resource kinds rules report on. */
import type { Trail } from '@aws-sdk/client-cloudtrail';
import type { Instance, NetworkAcl, SecurityGroup, Tag, Vpc } from '@aws-sdk/client-ec2';
import type { FileSystemDescription } from '@aws-sdk/client-efs';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import type { DBCluster, DBInstance } from '@aws-sdk/client-rds';
import type { IamManagedPolicyDetail, ServerCertificateInfo } from '../../src/data/iam.js';
import type { ResourceRef } from '../../src/engine/rule.js';

export function iamUserResource(arn: string, userName: string): ResourceRef {
  return { type: 'AwsIamUser', id: arn, name: userName, details: { AwsIamUser: { UserName: userName } } };
}

export function iamGroupResource(arn: string, groupName: string): ResourceRef {
  return { type: 'AwsIamGroup', id: arn, name: groupName, details: { AwsIamGroup: { GroupName: groupName } } };
}

export function iamRoleResource(arn: string, roleName: string): ResourceRef {
  return { type: 'AwsIamRole', id: arn, name: roleName, details: { AwsIamRole: { RoleName: roleName } } };
}

export function iamPolicyResource(policy: IamManagedPolicyDetail): ResourceRef {
  return {
    type: 'AwsIamPolicy',
    id: policy.arn,
    name: policy.name,
    details: {
      AwsIamPolicy: {
        PolicyName: policy.name,
        PolicyId: policy.id,
        Path: policy.path,
        AttachmentCount: policy.attachmentCount,
        PermissionsBoundaryUsageCount: policy.permissionsBoundaryUsageCount,
        IsAttachable: policy.isAttachable,
        ...(policy.defaultVersionId ? { DefaultVersionId: policy.defaultVersionId } : {}),
      },
    },
  };
}

/**
 * An IAM server certificate. ASFF has no details type for it (AWS Config calls it
 * `AWS::IAM::ServerCertificate`), so it is an `Other` resource with its ARN as id.
 */
export function serverCertificateResource(certificate: ServerCertificateInfo): ResourceRef {
  return {
    type: 'Other',
    id: certificate.arn,
    name: certificate.name,
    details: {
      Other: {
        ServerCertificateName: certificate.name,
        ServerCertificateId: certificate.id,
        ...(certificate.expiration ? { Expiration: certificate.expiration } : {}),
      },
    },
  };
}

export function securityGroupResource(group: SecurityGroup, partition: string, region: string, account: string): ResourceRef {
  const id = group.GroupId ?? '';
  return {
    type: 'AwsEc2SecurityGroup',
    id: `arn:${partition}:ec2:${region}:${group.OwnerId ?? account}:security-group/${id}`,
    name: group.GroupName ? `${group.GroupName} (${id})` : id,
    details: {
      AwsEc2SecurityGroup: { GroupId: id, GroupName: group.GroupName, VpcId: group.VpcId, OwnerId: group.OwnerId },
    },
    tags: tagMap(group.Tags),
  };
}

export function vpcResource(vpc: Vpc, partition: string, region: string, account: string): ResourceRef {
  const id = vpc.VpcId ?? '';
  return {
    type: 'AwsEc2Vpc',
    id: `arn:${partition}:ec2:${region}:${vpc.OwnerId ?? account}:vpc/${id}`,
    name: displayName(id, vpc.Tags),
    details: {
      AwsEc2Vpc: {
        CidrBlockAssociationSet: (vpc.CidrBlockAssociationSet ?? []).map((a) => ({
          AssociationId: a.AssociationId,
          CidrBlock: a.CidrBlock,
          CidrBlockState: a.CidrBlockState?.State,
        })),
        DhcpOptionsId: vpc.DhcpOptionsId,
        State: vpc.State,
      },
    },
    tags: tagMap(vpc.Tags),
  };
}

export function instanceResource(instance: Instance, partition: string, region: string, account: string): ResourceRef {
  const id = instance.InstanceId ?? '';
  const metadata = instance.MetadataOptions;
  return {
    type: 'AwsEc2Instance',
    id: `arn:${partition}:ec2:${region}:${account}:instance/${id}`,
    name: displayName(id, instance.Tags),
    details: {
      AwsEc2Instance: {
        Type: instance.InstanceType,
        ImageId: instance.ImageId,
        VpcId: instance.VpcId,
        SubnetId: instance.SubnetId,
        IamInstanceProfileArn: instance.IamInstanceProfile?.Arn,
        LaunchedAt: isoDate(instance.LaunchTime),
        ...(metadata
          ? {
              MetadataOptions: {
                HttpEndpoint: metadata.HttpEndpoint,
                HttpProtocolIpv6: metadata.HttpProtocolIpv6,
                HttpPutResponseHopLimit: metadata.HttpPutResponseHopLimit,
                HttpTokens: metadata.HttpTokens,
                InstanceMetadataTags: metadata.InstanceMetadataTags,
              },
            }
          : {}),
      },
    },
    tags: tagMap(instance.Tags),
  };
}

export function networkAclResource(acl: NetworkAcl, partition: string, region: string, account: string): ResourceRef {
  const id = acl.NetworkAclId ?? '';
  return {
    type: 'AwsEc2NetworkAcl',
    id: `arn:${partition}:ec2:${region}:${acl.OwnerId ?? account}:network-acl/${id}`,
    name: displayName(id, acl.Tags),
    details: {
      AwsEc2NetworkAcl: { IsDefault: acl.IsDefault, NetworkAclId: id, OwnerId: acl.OwnerId, VpcId: acl.VpcId },
    },
    tags: tagMap(acl.Tags),
  };
}

/** `web-1 (i-0abc)` when the resource has a Name tag, else its id. */
function displayName(id: string, tags: Tag[] | undefined): string {
  const name = tags?.find((t) => t.Key === 'Name')?.Value?.trim();
  return name ? `${name} (${id})` : id;
}

/** A launch time as ASFF wants it; a Date, or an ISO string after a snapshot round trip. */
function isoDate(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** AWS tag lists (`[{ Key, Value }]`) as a map. */
function tagMap(tags: readonly { Key?: string; Value?: string }[] | undefined): Record<string, string> | undefined {
  if (!tags || tags.length === 0) return undefined;
  return Object.fromEntries(tags.map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** A bucket, reported in its own Region. */
export function s3BucketResource(bucket: { name: string; region: string; creationDate: string | null }, partition: string): ResourceRef {
  return {
    type: 'AwsS3Bucket',
    id: `arn:${partition}:s3:::${bucket.name}`,
    region: bucket.region,
    name: bucket.name,
    ...(bucket.creationDate ? { details: { AwsS3Bucket: { CreatedAt: bucket.creationDate } } } : {}),
  };
}

export function rdsInstanceResource(instance: DBInstance, partition: string, region: string, account: string): ResourceRef {
  const name = instance.DBInstanceIdentifier ?? '';
  const tags = tagMap(instance.TagList);
  return {
    type: 'AwsRdsDbInstance',
    id: instance.DBInstanceArn ?? `arn:${partition}:rds:${region}:${account}:db:${name}`,
    name,
    details: {
      AwsRdsDbInstance: {
        DBInstanceIdentifier: name,
        DBInstanceClass: instance.DBInstanceClass,
        Engine: instance.Engine,
        EngineVersion: instance.EngineVersion,
        DbiResourceId: instance.DbiResourceId,
        DbClusterIdentifier: instance.DBClusterIdentifier,
      },
    },
    ...(tags ? { tags } : {}),
  };
}

export function rdsClusterResource(cluster: DBCluster, partition: string, region: string, account: string): ResourceRef {
  const name = cluster.DBClusterIdentifier ?? '';
  const tags = tagMap(cluster.TagList);
  return {
    type: 'AwsRdsDbCluster',
    id: cluster.DBClusterArn ?? `arn:${partition}:rds:${region}:${account}:cluster:${name}`,
    name,
    details: {
      AwsRdsDbCluster: {
        DbClusterIdentifier: name,
        Engine: cluster.Engine,
        EngineVersion: cluster.EngineVersion,
        DbClusterResourceId: cluster.DbClusterResourceId,
      },
    },
    ...(tags ? { tags } : {}),
  };
}

/** An EFS file system. ASFF has no details type for it: type, ARN, name and tags only. */
export function efsFileSystemResource(fs: FileSystemDescription, partition: string, region: string, account: string): ResourceRef {
  const id = fs.FileSystemId ?? '';
  const tags = tagMap(fs.Tags);
  return {
    type: 'AwsEfsFileSystem',
    id: fs.FileSystemArn ?? `arn:${partition}:elasticfilesystem:${region}:${fs.OwnerId ?? account}:file-system/${id}`,
    name: fs.Name ? `${fs.Name} (${id})` : id,
    ...(tags ? { tags } : {}),
  };
}

export function kmsKeyResource(key: { keyId: string; arn: string; metadata: KeyMetadata | null }, account: string): ResourceRef {
  const m = key.metadata;
  return {
    type: 'AwsKmsKey',
    id: key.arn,
    name: key.keyId,
    details: {
      AwsKmsKey: {
        KeyId: key.keyId,
        AWSAccountId: m?.AWSAccountId ?? account,
        KeyManager: m?.KeyManager,
        KeyState: m?.KeyState,
        Origin: m?.Origin,
      },
    },
  };
}

/** A CloudTrail trail, in its home Region. */
export function trailResource(trail: Trail): ResourceRef {
  const arn = trail.TrailARN ?? '';
  const region = trail.HomeRegion ?? arn.split(':')[3];
  return {
    type: 'AwsCloudTrailTrail',
    id: arn,
    name: trail.Name ?? arn,
    ...(region ? { region } : {}),
    details: {
      AwsCloudTrailTrail: {
        Name: trail.Name,
        TrailArn: arn,
        HomeRegion: trail.HomeRegion,
        IsMultiRegionTrail: trail.IsMultiRegionTrail,
        IsOrganizationTrail: trail.IsOrganizationTrail,
        LogFileValidationEnabled: trail.LogFileValidationEnabled,
        KmsKeyId: trail.KmsKeyId,
        S3BucketName: trail.S3BucketName,
        CloudWatchLogsLogGroupArn: trail.CloudWatchLogsLogGroupArn,
      },
    },
  };
}

/** An S3 bucket, in its Region when known. */
export function bucketResource(name: string, partition: string, region?: string): ResourceRef {
  return { type: 'AwsS3Bucket', id: `arn:${partition}:s3:::${name}`, name, ...(region ? { region } : {}) };
}
