/** The proxy's naming of requests: REST requests by their SDK route, the others by the operation they carry. */
import { describe, expect, it } from 'vitest';
import type http from 'node:http';
import { requestAction } from './request-action.js';

const SCOPE = (service: string) => `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;
const req = (service: string, method: string, url: string, headers: Record<string, string> = {}) =>
  ({ method, url, headers: { authorization: SCOPE(service), ...headers } }) as unknown as http.IncomingMessage;

describe('requestAction', () => {
  it.each([
    ['s3', 'GET', '/?max-buckets=10000&x-id=ListBuckets', 's3:ListAllMyBuckets'],
    ['s3', 'GET', '/storage-use1-good/?location=', 's3:GetBucketLocation'],
    ['s3', 'GET', '/storage-use1-good/?policy=', 's3:GetBucketPolicy'],
    ['s3', 'GET', '/b/?publicAccessBlock=', 's3:GetBucketPublicAccessBlock'],
    ['s3', 'GET', '/b/?encryption=', 's3:GetEncryptionConfiguration'],
    ['s3', 'GET', '/b/?lifecycle=', 's3:GetLifecycleConfiguration'],
    ['s3', 'GET', '/b/?versioning=', 's3:GetBucketVersioning'],
    ['s3', 'GET', '/b/?acl=', 's3:GetBucketAcl'],
    ['s3', 'GET', '/b/?logging=', 's3:GetBucketLogging'],
    ['s3', 'GET', '/v20180820/configuration/publicAccessBlock', 's3:GetAccountPublicAccessBlock'],
    ['elasticfilesystem', 'GET', '/2015-02-01/file-systems', 'elasticfilesystem:DescribeFileSystems'],
    ['macie2', 'GET', '/macie', 'macie2:GetMacieSession'],
    ['account', 'POST', '/getAlternateContact', 'account:GetAlternateContact'],
    ['access-analyzer', 'GET', '/analyzer', 'access-analyzer:ListAnalyzers'],
    ['securityhub', 'GET', '/accounts', 'securityhub:DescribeHub'],
    ['securityhub', 'POST', '/findings/import', 'securityhub:BatchImportFindings'],
    ['lambda', 'GET', '/2015-03-31/functions/my-fn/policy', 'lambda:GetPolicy'],
  ])('%s %s %s is %s', (service, method, url, action) => {
    expect(requestAction(req(service, method, url), '').action).toBe(action);
  });

  it('names query and JSON operations from the request', () => {
    const query = req('iam', 'POST', '/', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(requestAction(query, 'Action=GetAccountSummary&Version=2010-05-08').action).toBe('iam:GetAccountSummary');
    const json = req('logs', 'POST', '/', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeMetricFilters' });
    expect(requestAction(json, '{}').action).toBe('logs:DescribeMetricFilters');
  });

  it('names no action for a REST request no SDK route matches', () => {
    expect(requestAction(req('macie2', 'DELETE', '/nothing/here'), '').action).toBeUndefined();
  });
});
