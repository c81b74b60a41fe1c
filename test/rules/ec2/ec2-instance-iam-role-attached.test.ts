import { expect, it } from 'vitest';
import rule from '../../../rules/ec2/ec2-instance-iam-role-attached.js';
import { runsFor } from '../../../src/engine/registry.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ARN, instance, PROFILE } from './instances.fixture.js';
import { instanceRuleCases } from './instances.table.js';

testRule(
  rule,
  instanceRuleCases({
    defaultCode: 'NO_INSTANCE_PROFILE',
    extra: {
      passed: [
        {
          name: 'an instance with an instance profile',
          fixture: { 'ec2.instances': [instance('i-role', { IamInstanceProfile: { Arn: PROFILE, Id: 'AIPA1' } })] },
          results: {
            resource: ARN('i-role'),
            reasonCode: 'INSTANCE_PROFILE_ATTACHED',
            reason: `Instance i-role has the IAM instance profile ${PROFILE}.`,
            evidence: { iamInstanceProfileArn: PROFILE },
          },
          check: ({ findings }) => expect(findings[0]?.Resources?.[0]?.Details?.AwsEc2Instance?.IamInstanceProfileArn).toBe(PROFILE),
        },
      ],
      failed: [
        {
          name: 'instances without a profile fail, stopped ones included; terminated ones get no result',
          fixture: {
            'ec2.instances': [
              instance('i-role', { IamInstanceProfile: { Arn: PROFILE, Id: 'AIPA1' } }),
              instance('i-none'),
              instance('i-stopped', { State: { Name: 'stopped', Code: 80 } }),
              instance('i-gone', { State: { Name: 'terminated', Code: 48 } }),
            ],
          },
          results: [
            { status: 'PASSED', resource: ARN('i-role'), reasonCode: 'INSTANCE_PROFILE_ATTACHED' },
            { resource: ARN('i-none'), reasonCode: 'NO_INSTANCE_PROFILE', evidence: { iamInstanceProfileArn: null, state: 'running' } },
            { resource: ARN('i-stopped'), reasonCode: 'NO_INSTANCE_PROFILE', evidence: { state: 'stopped' } },
          ],
          check: ({ findings }) => {
            expect(findings[1]?.Severity?.Label).toBe('MEDIUM');
            expect(findings[1]?.Compliance?.SecurityControlId).toBeUndefined();
            expect(findings[1]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/1.17']);
          },
        },
      ],
    },
  }),
);

it('runs where CIS calls the requirement Automated or disputed, not where it is Manual or Not Scored', () => {
  expect((['1.2.0', '1.4.0', '3.0.0', '5.0.0'] as const).filter((v) => runsFor(rule, v))).toEqual(['3.0.0', '5.0.0']);
});

const run = ruleHarness(rule);

it('gives no result in a Region without instances', async () => {
  expect((await run({ 'ec2.instances': [] })).results).toEqual([]);
});
