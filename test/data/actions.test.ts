import { describe, expect, it } from 'vitest';
import { iamActionFor, isReadOperation, operationName } from '../../src/data/actions.js';
import { toDataUnavailable } from '../../src/data/accessor.js';

describe('operation and action names', () => {
  it('names operations after the client and command', () => {
    expect(operationName('iam', 'GetAccountSummaryCommand')).toBe('iam:GetAccountSummary');
  });

  it('maps the operations whose IAM action differs', () => {
    expect(iamActionFor('s3:ListBuckets')).toBe('s3:ListAllMyBuckets');
    expect(iamActionFor('s3:GetPublicAccessBlock')).toBe('s3:GetBucketPublicAccessBlock');
    expect(iamActionFor('s3control:GetPublicAccessBlock')).toBe('s3:GetAccountPublicAccessBlock');
    expect(iamActionFor('iam:GetAccountSummary')).toBe('iam:GetAccountSummary');
    // API Gateway (v1 and v2 share the prefix) authorises every read as GET on the resource path.
    for (const op of ['apigateway:GetRestApis', 'apigateway:GetStages', 'apigateway:GetApis']) expect(iamActionFor(op), op).toBe('apigateway:GET');
    expect(iamActionFor('elasticloadbalancing:DescribeLoadBalancerAttributes')).toBe('elasticloadbalancing:DescribeLoadBalancerAttributes');
  });

  it('accepts reads and the credential report, nothing else', () => {
    for (const op of ['iam:GetAccountSummary', 'ec2:DescribeRegions', 'iam:ListUsers', 'iam:GenerateCredentialReport']) {
      expect(isReadOperation(op), op).toBe(true);
    }
    for (const op of ['iam:CreateUser', 'ec2:RevokeSecurityGroupEgress', 'securityhub:BatchImportFindings', 's3:PutBucketPolicy', 'iam:Getaway']) {
      expect(isReadOperation(op), op).toBe(false);
    }
  });
});

describe('toDataUnavailable', () => {
  const err = (name: string, status?: number) => Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });

  it('classifies access, opt-in, throttling and other errors', () => {
    expect(toDataUnavailable(err('AccessDeniedException', 400), 'kms:ListKeys', 'eu-west-1')).toMatchObject({ reason: 'access-denied', action: 'kms:ListKeys' });
    expect(toDataUnavailable(err('UnauthorizedOperation', 403), 'ec2:DescribeVpcs', 'eu-west-1').reason).toBe('access-denied');
    expect(toDataUnavailable(err('SomethingForbidden', 403), 'x:Y', 'r').reason).toBe('access-denied');
    expect(toDataUnavailable(err('OptInRequired', 401), 'ec2:DescribeVpcs', 'me-south-1').reason).toBe('opt-in');
    expect(toDataUnavailable(err('ThrottlingException', 400), 'x:Y', 'r').reason).toBe('throttled');
    expect(toDataUnavailable(err('InternalFailure', 500), 'x:Y', 'r')).toMatchObject({ reason: 'service-error', code: 'InternalFailure' });
    expect(toDataUnavailable(err('InvalidClientTokenId', 403), 'x:Y', 'r').reason).toBe('service-error');
  });
});
