import { expect, it } from 'vitest';
import type { FlowLog, Vpc } from '@aws-sdk/client-ec2';
import rule from '../../../rules/ec2/ec2-vpc-flow-logs-enabled.js';
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { testRule } from '../../helpers/rule-tester.js';

const vpc = (id: string, name?: string): Vpc => ({
  VpcId: id,
  OwnerId: '123456789012',
  State: 'available',
  CidrBlockAssociationSet: [{ AssociationId: `${id}-cidr`, CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } }],
  ...(name ? { Tags: [{ Key: 'Name', Value: name }] } : {}),
});

const log = (id: string, resource: string, traffic: string, status = 'ACTIVE'): FlowLog => ({
  FlowLogId: id,
  ResourceId: resource,
  TrafficType: traffic as FlowLog['TrafficType'],
  FlowLogStatus: status,
  DeliverLogsStatus: 'SUCCESS',
});

const ARN = (id: string) => `arn:aws:ec2:us-east-1:123456789012:vpc/${id}`;
const ACCOUNT = `AWS::::Account:${TEST_ACCOUNT}`;
const CAPTURING = 'FLOW_LOGS_CAPTURE_REJECTED_TRAFFIC';

testRule(rule, {
  passed: [
    {
      name: 'a flow log whose delivery fails still counts: the log exists and is enabled',
      fixture: { 'ec2.vpcs': [vpc('vpc-1')], 'ec2.flowLogs': [{ ...log('fl-5', 'vpc-1', 'REJECT'), DeliverLogsStatus: 'FAILED' }] },
      results: { resource: ARN('vpc-1'), reasonCode: CAPTURING, evidence: { deliverLogsStatus: 'FAILED' } },
    },
    {
      name: 'VPCs shared by another account are left to that account',
      fixture: { 'ec2.vpcs': [{ ...vpc('vpc-shared'), OwnerId: '999999999999' }, vpc('vpc-own')], 'ec2.flowLogs': [log('fl-6', 'vpc-own', 'ALL')] },
      results: [{ resource: ARN('vpc-own'), reasonCode: CAPTURING }],
    },
  ],
  failed: [
    {
      name: 'VPCs with a REJECT or ALL flow log pass and the others fail, one result per VPC',
      fixture: {
        'ec2.vpcs': [vpc('vpc-reject', 'prod'), vpc('vpc-all'), vpc('vpc-accept'), vpc('vpc-none'), vpc('vpc-subnet-only')],
        'ec2.flowLogs': [
          log('fl-1', 'vpc-reject', 'REJECT'),
          log('fl-2', 'vpc-all', 'ALL'),
          log('fl-3', 'vpc-accept', 'ACCEPT'),
          log('fl-4', 'subnet-123', 'ALL'), // a subnet's flow log does not cover its VPC
        ],
      },
      results: [
        {
          status: 'PASSED',
          resource: ARN('vpc-reject'),
          reasonCode: CAPTURING,
          reason: 'VPC prod (vpc-reject) has a flow log capturing REJECT traffic.',
          evidence: { capturingFlowLogs: 'fl-1 (REJECT)', deliverLogsStatus: 'SUCCESS', flowLogs: 1 },
        },
        { status: 'PASSED', resource: ARN('vpc-all'), reasonCode: CAPTURING },
        {
          resource: ARN('vpc-accept'),
          reasonCode: 'FLOW_LOGS_MISS_REJECTED_TRAFFIC',
          evidence: { otherFlowLogs: 'fl-3 (ACCEPT, ACTIVE)', capturingFlowLogs: null },
        },
        { resource: ARN('vpc-none'), reasonCode: 'FLOW_LOGS_NOT_ENABLED', reason: 'VPC vpc-none has no flow log.' },
        { resource: ARN('vpc-subnet-only'), reasonCode: 'FLOW_LOGS_NOT_ENABLED' },
      ],
      check: ({ results, findings }) => {
        expect(results.map((r) => r.resource.id)).toEqual(['vpc-reject', 'vpc-all', 'vpc-accept', 'vpc-none', 'vpc-subnet-only'].map(ARN));
        expect(findings[0]?.Resources?.[0]).toMatchObject({
          Type: 'AwsEc2Vpc',
          Details: { AwsEc2Vpc: { State: 'available', CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16', CidrBlockState: 'associated' }] } },
          Tags: { Name: 'prod' },
        });
        expect(findings[3]?.Severity?.Label).toBe('MEDIUM');
      },
    },
    {
      name: 'a flow log that is not ACTIVE does not count',
      fixture: { 'ec2.vpcs': [vpc('vpc-1')], 'ec2.flowLogs': [log('fl-9', 'vpc-1', 'ALL', 'DELETING')] },
      results: { resource: ARN('vpc-1'), reasonCode: 'FLOW_LOGS_MISS_REJECTED_TRAFFIC', evidence: { otherFlowLogs: 'fl-9 (ALL, DELETING)' } },
    },
  ],
  notAvailable: [
    {
      name: 'flow logs cannot be read',
      fixture: { 'ec2.vpcs': [vpc('vpc-1')], 'ec2.flowLogs': denied('ec2:DescribeFlowLogs') },
      results: { resource: ACCOUNT, reasonCode: 'ACCESS_DENIED', action: 'ec2:DescribeFlowLogs', reason: 'Missing permission ec2:DescribeFlowLogs (AccessDenied)' },
    },
    {
      name: 'VPCs cannot be listed',
      fixture: { 'ec2.vpcs': denied('ec2:DescribeVpcs'), 'ec2.flowLogs': [] },
      results: { resource: ACCOUNT, reasonCode: 'ACCESS_DENIED', action: 'ec2:DescribeVpcs', reason: 'Missing permission ec2:DescribeVpcs (AccessDenied)' },
    },
  ],
});

const run = ruleHarness(rule);

it('gives no result in a Region without VPCs', async () => {
  const { results } = await run({ 'ec2.vpcs': [], 'ec2.flowLogs': [] });
  expect(results).toEqual([]);
});
