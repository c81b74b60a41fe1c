/**
 * Empty, truncated and garbled answers are never believed: each one becomes a
 * DataUnavailable `malformed-response` naming the action, not an empty list, a
 * default or a verdict.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeRegionsCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetBucketPolicyCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockedLiveSource } from '../helpers/live.js';

const ec2 = mockClient(EC2Client);
const s3 = mockClient(S3Client);
const hub = mockClient(SecurityHubClient);
const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
afterEach(() => {
  for (const m of [ec2, s3, hub, sts, iam]) m.reset();
});

const malformed = (action: string) => ({ reason: 'malformed-response', action });

describe('answers are validated before they are believed', () => {
  it('an empty ListBuckets or DescribeSecurityGroups answer is not "nothing there"', async () => {
    s3.on(ListBucketsCommand).resolves({});
    ec2.on(DescribeSecurityGroupsCommand).resolves({});
    const { data } = mockedLiveSource();
    await expect(data().s3.buckets()).rejects.toMatchObject(malformed('s3:ListAllMyBuckets'));
    await expect(data().ec2.securityGroups()).rejects.toMatchObject(malformed('ec2:DescribeSecurityGroups'));
  });

  it('an empty list that AWS sent is still an empty list', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    expect(await mockedLiveSource().data().ec2.securityGroups()).toEqual([]);
  });

  it('an empty DescribeRegions answer does not shrink the scan', async () => {
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [] });
    await expect(mockedLiveSource().data().ec2.regions()).rejects.toMatchObject(malformed('ec2:DescribeRegions'));
  });

  it('an empty DescribeHub answer is not an enabled hub', async () => {
    hub.on(DescribeHubCommand).resolves({});
    await expect(mockedLiveSource().data().securityhub.hub()).rejects.toMatchObject(malformed('securityhub:DescribeHub'));
  });

  it('a bucket policy that does not parse is unknown, not a verdict', async () => {
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Al' });
    const error = await mockedLiveSource().data().s3.bucketPolicy('b').catch((e: unknown) => e);
    expect(error).toMatchObject(malformed('s3:GetBucketPolicy'));
    expect((error as { describe(): string }).describe()).toBe('s3:GetBucketPolicy in us-east-1 gave a malformed answer: the bucket policy does not parse');
  });

  it('a truncated credential report is malformed', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({
      Content: new TextEncoder().encode('user,arn,mfa_active,password_enabled\n<root_account>,arn:aws:iam::123456789012:root,true,not_supported\nalice,arn:aws:iam::1'),
    });
    await expect(mockedLiveSource().data().iam.credentialReport()).rejects.toMatchObject(malformed('iam:GetCredentialReport'));
  });

  it.each([
    [{}, /no Account/],
    [{ Account: '', Arn: 'arn:aws:iam::123456789012:root' }, /no Account/],
    [{ Account: '12345', Arn: 'arn:aws:iam::12345:root' }, /not a 12-digit/],
    [{ Account: '123456789012', Arn: 'arn:nope:iam::123456789012:root' }, /no known partition/],
  ])('a caller identity %j is refused', async (answer, message) => {
    sts.on(GetCallerIdentityCommand).resolves(answer);
    const error = await mockedLiveSource().data().sts.callerIdentity().catch((e: unknown) => e);
    expect(error).toMatchObject(malformed('sts:GetCallerIdentity'));
    expect((error as Error).message).toMatch(message);
  });
});
