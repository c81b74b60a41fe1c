/** ASFF resource references for the resource kinds rules report on. */
import type { Trail } from '@aws-sdk/client-cloudtrail';
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
