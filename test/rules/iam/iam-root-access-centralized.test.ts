import { expect } from 'vitest';
import rule from '../../../rules/iam/iam-root-access-centralized.js';
import type { OrganizationStanding, OrganizationsFeatures } from '../../../src/data/iam.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';

const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;
const readable = (...enabledFeatures: string[]) => ({
  'iam.organizationsFeatures': { standing: 'readable', organizationId: 'o-abc123', enabledFeatures } satisfies OrganizationsFeatures,
});
const standing = (s: OrganizationStanding) => ({ 'iam.organizationsFeatures': { standing: s, organizationId: null, enabledFeatures: [] } satisfies OrganizationsFeatures });

testRule(rule, {
  passed: [
    {
      name: 'both features enabled',
      fixture: readable('RootCredentialsManagement', 'RootSessions'),
      options: { benchmarks: ['7.0.0'] },
      results: { resource: ACCOUNT, reasonCode: 'ROOT_ACCESS_CENTRALIZED', evidence: { organizationId: 'o-abc123', enabledFeatures: 'RootCredentialsManagement,RootSessions' } },
      check: ({ findings }) => expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v7.0.0/2.1.1']),
    },
  ],
  failed: [
    {
      name: 'only root credentials management',
      fixture: readable('RootCredentialsManagement'),
      results: { resource: ACCOUNT, reasonCode: 'ROOT_ACCESS_NOT_CENTRALIZED', reason: 'RootSessions not enabled' },
      check: ({ findings }) => expect(findings[0]?.Severity?.Label).toBe('MEDIUM'),
    },
    { name: 'neither feature', fixture: readable(), results: { reasonCode: 'ROOT_ACCESS_NOT_CENTRALIZED', reason: 'RootCredentialsManagement and RootSessions not enabled' } },
    { name: 'IAM has no trusted access in Organizations', fixture: standing('trusted-access-disabled'), results: { reasonCode: 'TRUSTED_ACCESS_DISABLED' } },
    { name: 'consolidated billing only', fixture: standing('not-all-features'), results: { reasonCode: 'ORGANIZATION_NOT_ALL_FEATURES' } },
    { name: 'a standalone account', fixture: standing('not-in-organization'), results: { reasonCode: 'NOT_IN_ORGANIZATION', reason: 'not in an AWS organization' } },
  ],
  notAvailable: [
    {
      name: 'a member account that is not the delegated administrator',
      fixture: standing('not-management-account'),
      results: { resource: ACCOUNT, reasonCode: 'NOT_MANAGEMENT_ACCOUNT', reason: 'scan the management account' },
    },
    {
      name: 'ListOrganizationsFeatures is denied',
      fixture: { 'iam.organizationsFeatures': denied('iam:ListOrganizationsFeatures') },
      results: { resource: ACCOUNT, reasonCode: 'ACCESS_DENIED', action: 'iam:ListOrganizationsFeatures' },
    },
  ],
});
