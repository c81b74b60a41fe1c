/** Instances shared by the instance rule tests (EC2.8 and the CIS instance-role rule). */
import type { Instance } from '@aws-sdk/client-ec2';

export function instance(id: string, fields: Partial<Instance> = {}): Instance {
  return {
    InstanceId: id,
    InstanceType: 't3.micro',
    ImageId: 'ami-12345678',
    VpcId: 'vpc-1',
    SubnetId: 'subnet-1',
    LaunchTime: new Date('2026-11-01T10:00:00Z'),
    State: { Name: 'running', Code: 16 },
    MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
    ...fields,
  };
}

export const ARN = (id: string) => `arn:aws:ec2:us-east-1:123456789012:instance/${id}`;
export const PROFILE = 'arn:aws:iam::123456789012:instance-profile/app';
