import { describe, expect, it } from 'vitest';
import type { FlowLog, Vpc } from '@aws-sdk/client-ec2';
import rule from '../../../rules/ec2/ec2-vpc-flow-logs-enabled.js';
import { denied } from '../../helpers/fixture-source.js';
import { ruleHarness } from '../../helpers/rule-harness.js';

const run = ruleHarness(rule);

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

describe('ec2-vpc-flow-logs-enabled (EC2.6)', () => {
  it('passes VPCs with a REJECT or ALL flow log and fails the others, one result per VPC', async () => {
    const { results, findings } = await run({
      'ec2.vpcs': [vpc('vpc-reject', 'prod'), vpc('vpc-all'), vpc('vpc-accept'), vpc('vpc-none'), vpc('vpc-subnet-only')],
      'ec2.flowLogs': [
        log('fl-1', 'vpc-reject', 'REJECT'),
        log('fl-2', 'vpc-all', 'ALL'),
        log('fl-3', 'vpc-accept', 'ACCEPT'),
        log('fl-4', 'subnet-123', 'ALL'), // a subnet's flow log does not cover its VPC
      ],
    });
    expect(results.map((r) => [r.resource.id, r.status])).toEqual([
      [ARN('vpc-reject'), 'PASSED'],
      [ARN('vpc-all'), 'PASSED'],
      [ARN('vpc-accept'), 'FAILED'],
      [ARN('vpc-none'), 'FAILED'],
      [ARN('vpc-subnet-only'), 'FAILED'],
    ]);
    expect(results[0]).toMatchObject({
      reason: 'VPC prod (vpc-reject) has a flow log capturing REJECT traffic.',
      evidence: { capturingFlowLogs: 'fl-1 (REJECT)', deliverLogsStatus: 'SUCCESS', flowLogs: 1 },
    });
    expect(results[2]).toMatchObject({
      reasonCode: 'FLOW_LOGS_MISS_REJECTED_TRAFFIC',
      evidence: { otherFlowLogs: 'fl-3 (ACCEPT, ACTIVE)', capturingFlowLogs: null },
    });
    expect(results[3]).toMatchObject({ reasonCode: 'FLOW_LOGS_NOT_ENABLED', reason: 'VPC vpc-none has no flow log.' });
    expect(findings[0]?.Resources?.[0]).toMatchObject({
      Type: 'AwsEc2Vpc',
      Details: { AwsEc2Vpc: { State: 'available', CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16', CidrBlockState: 'associated' }] } },
      Tags: { Name: 'prod' },
    });
    expect(findings[3]?.Severity?.Label).toBe('MEDIUM');
  });

  it('does not count a flow log that is not ACTIVE', async () => {
    const { results } = await run({
      'ec2.vpcs': [vpc('vpc-1')],
      'ec2.flowLogs': [log('fl-9', 'vpc-1', 'ALL', 'DELETING')],
    });
    expect(results[0]).toMatchObject({ status: 'FAILED', evidence: { otherFlowLogs: 'fl-9 (ALL, DELETING)' } });
  });

  it('passes on a flow log whose delivery fails: the log exists and is enabled', async () => {
    const { results } = await run({
      'ec2.vpcs': [vpc('vpc-1')],
      'ec2.flowLogs': [{ ...log('fl-5', 'vpc-1', 'REJECT'), DeliverLogsStatus: 'FAILED' }],
    });
    expect(results[0]).toMatchObject({ status: 'PASSED', evidence: { deliverLogsStatus: 'FAILED' } });
  });

  it('leaves VPCs shared by another account to that account', async () => {
    const { results } = await run({
      'ec2.vpcs': [{ ...vpc('vpc-shared'), OwnerId: '999999999999' }, vpc('vpc-own')],
      'ec2.flowLogs': [],
    });
    expect(results.map((r) => r.resource.id)).toEqual([ARN('vpc-own')]);
  });

  it('gives no result in a Region without VPCs', async () => {
    const { results } = await run({ 'ec2.vpcs': [], 'ec2.flowLogs': [] });
    expect(results).toEqual([]);
  });

  it('is NOT_AVAILABLE, naming the action, when VPCs or flow logs cannot be read', async () => {
    let { results } = await run({ 'ec2.vpcs': [vpc('vpc-1')], 'ec2.flowLogs': denied('ec2:DescribeFlowLogs') });
    expect(results).toEqual([expect.objectContaining({ status: 'NOT_AVAILABLE', reason: 'Missing permission ec2:DescribeFlowLogs (AccessDenied)' })]);
    ({ results } = await run({ 'ec2.vpcs': denied('ec2:DescribeVpcs'), 'ec2.flowLogs': [] }));
    expect(results).toEqual([expect.objectContaining({ status: 'NOT_AVAILABLE', reason: 'Missing permission ec2:DescribeVpcs (AccessDenied)' })]);
  });
});
