/** ASFF resource references for the resource kinds rules report on. */
import type { SecurityGroup } from '@aws-sdk/client-ec2';
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
    tags: Object.fromEntries((group.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
  };
}
