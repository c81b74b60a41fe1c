import { describe, expect, it } from 'vitest';
import rule from '../../../rules/iam/iam-user-no-direct-policies.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { details, user } from './fixtures.js';

const run = ruleHarness(rule);
const READ_ONLY = { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };

describe('iam-user-no-direct-policies (IAM.2)', () => {
  it('fails users with attached or inline policies and passes users who get permissions from groups', async () => {
    const { results, findings } = await run(
      details({
        users: [
          user('attached', { attachedManagedPolicies: [READ_ONLY] }),
          user('both', { attachedManagedPolicies: [READ_ONLY], inlinePolicies: [{ name: 'extra', document: null }, { name: 'more', document: null }] }),
          user('grouped', { groups: ['developers'], permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary' }),
          user('inline', { inlinePolicies: [{ name: 's3-access', document: null }] }),
        ],
      }),
    );
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ['attached', 'FAILED'],
      ['both', 'FAILED'],
      ['grouped', 'PASSED'],
      ['inline', 'FAILED'],
    ]);
    expect(results[0]?.reason).toBe('User attached has attached managed policy ReadOnlyAccess.');
    expect(results[1]?.reason).toBe('User both has attached managed policy ReadOnlyAccess and inline policies extra, more.');
    expect(results[3]).toMatchObject({ reasonCode: 'USER_HAS_POLICIES', evidence: { attachedManagedPolicies: 0, inlinePolicies: 1, inlinePolicyNames: 's3-access' } });
    expect(findings[0]?.Resources?.[0]).toMatchObject({ Type: 'AwsIamUser', Id: 'arn:aws:iam::123456789012:user/attached' });
    expect(findings[0]?.Severity?.Label).toBe('LOW');
  });

  it('covers CIS v1.4.0 1.15 as an extra requirement', async () => {
    const { findings } = await run(details({ users: [user('a')] }), { benchmarks: ['1.4.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v1.4.0/1.15']);
  });

  it('is NOT_AVAILABLE when the authorization details cannot be read', async () => {
    const { results } = await run({ 'iam.authorizationDetails': denied('iam:GetAccountAuthorizationDetails') });
    expect(results[0]?.status).toBe('NOT_AVAILABLE');
    expect(results[0]?.reason).toContain('iam:GetAccountAuthorizationDetails');
  });
});
