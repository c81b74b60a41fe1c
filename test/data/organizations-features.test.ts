/**
 * iam.organizationsFeatures through the real data layer (moto has no
 * ListOrganizationsFeatures): the Organizations errors become standings, an
 * access error stays a NOT_AVAILABLE naming the action.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { IAMClient, IAMServiceException, ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import rule from '../../rules/iam/iam-root-access-centralized.js';
import { PromiseCache } from '../../src/data/cache.js';
import { scanAccount } from '../../src/engine/scan.js';
import { mockedLiveSource } from '../helpers/live.js';
import { silentLogger } from '../helpers/rule-harness.js';

const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);
afterEach(() => {
  iam.reset();
  sts.reset();
});

const awsError = (name: string, status = 400) =>
  new IAMServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });

async function judge() {
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/auditor', UserId: 'AIDA' });
  const { source } = mockedLiveSource();
  const scan = await scanAccount(source, new PromiseCache(), {
    rules: [rule],
    benchmarks: ['7.0.0'],
    homeRegion: 'us-east-1',
    regions: ['us-east-1'],
    now: new Date(),
    logger: silentLogger,
  });
  const result = scan.evaluations[0]!.results[0]!;
  return [result.status, result.reasonCode];
}

describe('iam.organizationsFeatures', () => {
  it('reads the enabled features', async () => {
    iam.on(ListOrganizationsFeaturesCommand).resolves({ OrganizationId: 'o-1', EnabledFeatures: ['RootSessions', 'RootCredentialsManagement'] });
    expect(await judge()).toEqual(['PASSED', 'ROOT_ACCESS_CENTRALIZED']);
    expect(iam.commandCalls(ListOrganizationsFeaturesCommand)).toHaveLength(1);
  });

  it.each([
    ['OrganizationNotFoundException', 'FAILED', 'NOT_IN_ORGANIZATION'],
    ['AccountNotManagementOrDelegatedAdministratorException', 'NOT_AVAILABLE', 'NOT_MANAGEMENT_ACCOUNT'],
    ['ServiceAccessNotEnabledException', 'FAILED', 'TRUSTED_ACCESS_DISABLED'],
    ['OrganizationNotInAllFeaturesModeException', 'FAILED', 'ORGANIZATION_NOT_ALL_FEATURES'],
  ])('%s becomes %s %s', async (name, status, code) => {
    iam.on(ListOrganizationsFeaturesCommand).rejects(awsError(name));
    expect(await judge()).toEqual([status, code]);
  });

  it('an access error is NOT_AVAILABLE naming iam:ListOrganizationsFeatures', async () => {
    iam.on(ListOrganizationsFeaturesCommand).rejects(awsError('AccessDenied', 403));
    expect(await judge()).toEqual(['NOT_AVAILABLE', 'ACCESS_DENIED']);
  });
});
