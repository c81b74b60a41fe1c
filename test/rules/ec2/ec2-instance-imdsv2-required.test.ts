import { expect } from 'vitest';
import rule from '../../../rules/ec2/ec2-instance-imdsv2-required.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ARN, instance } from './instances.fixture.js';
import { instanceRuleCases } from './instances.table.js';

testRule(
  rule,
  instanceRuleCases({
    defaultCode: 'IMDSV1_ALLOWED',
    extra: {
      passed: [
        {
          name: 'an instance that requires tokens',
          fixture: {
            'ec2.instances': [instance('i-v2', { MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' }, Tags: [{ Key: 'Name', Value: 'web' }] })],
          },
          results: { resource: ARN('i-v2'), reasonCode: 'IMDSV2_REQUIRED', reason: 'Instance web (i-v2) requires IMDSv2 session tokens.' },
          check: ({ results }) => expect(results[0]?.reason).toBe('Instance web (i-v2) requires IMDSv2 session tokens.'),
        },
      ],
      failed: [
        {
          name: 'instances that allow IMDSv1 fail, stopped ones included',
          fixture: {
            'ec2.instances': [
              instance('i-v2', { MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' } }),
              instance('i-v1'),
              instance('i-stopped', { State: { Name: 'stopped', Code: 80 } }),
            ],
          },
          results: [
            { status: 'PASSED', resource: ARN('i-v2'), reasonCode: 'IMDSV2_REQUIRED' },
            {
              resource: ARN('i-v1'),
              reasonCode: 'IMDSV1_ALLOWED',
              reason: 'Instance i-v1 has HttpTokens optional: IMDSv1 is allowed.',
              evidence: { httpTokens: 'optional', httpEndpoint: 'enabled', state: 'running' },
            },
            { resource: ARN('i-stopped'), reasonCode: 'IMDSV1_ALLOWED' },
          ],
          check: ({ results, findings }) => {
            expect(results[1]?.reason).toBe('Instance i-v1 has HttpTokens optional: IMDSv1 is allowed.');
            expect(findings[1]?.Resources?.[0]).toMatchObject({
              Type: 'AwsEc2Instance',
              Details: {
                AwsEc2Instance: {
                  Type: 't3.micro',
                  LaunchedAt: '2026-11-01T10:00:00.000Z',
                  MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
                },
              },
            });
            expect(findings[1]?.Severity?.Label).toBe('HIGH');
          },
        },
        {
          name: 'HttpTokens optional fails even with the metadata endpoint disabled, saying the endpoint is disabled',
          fixture: { 'ec2.instances': [instance('i-off', { MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'disabled' } })] },
          results: {
            resource: ARN('i-off'),
            reasonCode: 'IMDSV1_ALLOWED_ENDPOINT_DISABLED',
            reason: /HttpTokens optional: IMDSv1 is allowed\. The metadata endpoint is disabled now/,
          },
        },
        {
          name: 'an instance that reports no metadata options',
          fixture: { 'ec2.instances': [instance('i-bare', { MetadataOptions: undefined })] },
          results: { resource: ARN('i-bare'), reasonCode: 'IMDSV1_ALLOWED', reason: 'Instance i-bare does not report HttpTokens: IMDSv1 is allowed.' },
        },
      ],
    },
  }),
);
