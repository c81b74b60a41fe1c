/** ASFF resource references for the resource kinds rules report on. */
import type { Instance, NetworkAcl, SecurityGroup, Tag, Vpc } from '@aws-sdk/client-ec2';
import type { ResourceRef } from '../../src/engine/rule.js';

export function iamUserResource(arn: string, userName: string): ResourceRef {
  return { type: 'AwsIamUser', id: arn, name: userName, details: { AwsIamUser: { UserName: userName } } };
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

function tagMap(tags: Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
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
