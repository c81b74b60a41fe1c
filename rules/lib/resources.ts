/** ASFF resource references for the resource kinds rules report on. */
import type { SecurityGroup } from '@aws-sdk/client-ec2';
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
    tags: Object.fromEntries((group.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
  };
}
