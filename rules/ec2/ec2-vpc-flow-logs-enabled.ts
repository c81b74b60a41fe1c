import { defineRule, fail, pass, readAll } from '../../src/engine/rule.js';
import { securityHubRemediation, withSteps } from '../lib/remediation.js';
import { vpcResource } from '../lib/resources.js';

export default defineRule<{ trafficTypes: readonly string[] }>({
  id: 'ec2-vpc-flow-logs-enabled',
  title: 'VPC flow logging should be enabled in all VPCs',
  securityHubControlId: 'EC2.6',
  severity: 'MEDIUM',
  cis: { '1.2.0': '2.9', '1.4.0': '3.9', '3.0.0': '3.7', '5.0.0': '3.7', '6.0.0': '4.7', '7.0.0': '4.7' },
  scope: 'region',
  resourceType: 'AwsEc2Vpc',
  requiredActions: ['ec2:DescribeVpcs', 'ec2:DescribeFlowLogs'],
  reasonCodes: {
    FLOW_LOGS_CAPTURE_REJECTED_TRAFFIC: 'The VPC has an active flow log of rejected (or all) traffic.',
    FLOW_LOGS_MISS_REJECTED_TRAFFIC: 'The VPC has flow logs, but none active that captures rejected traffic.',
    FLOW_LOGS_NOT_ENABLED: 'The VPC has no flow log.',
  },
  // Security Hub's parameter is trafficType=REJECT; a flow log of ALL traffic captures the rejected packets too.
  params: { trafficTypes: ['REJECT', 'ALL'] },
  remediation: withSteps('ec2-vpc-flow-logs-enabled', securityHubRemediation(
    'EC2.6',
    'Create a flow log for each VPC that captures rejected traffic (traffic type Reject or All), delivered to CloudWatch Logs, S3 or Firehose.',
  ), {
    change: 'Create a flow log for the VPC (in its Region) that captures rejected traffic, delivered to an S3 bucket (or CloudWatch Logs).',
    cli: ['aws ec2 create-flow-logs --region {{region}} --resource-type VPC --resource-ids {{resource}} --traffic-type REJECT --log-destination-type s3 --log-destination arn:{{partition}}:s3:::{{flowLogBucket}}'],
    cloudformation: `VpcFlowLog:
  Type: AWS::EC2::FlowLog
  Properties:
    ResourceId: "{{resource}}"
    ResourceType: VPC
    TrafficType: REJECT
    LogDestinationType: s3
    LogDestination: "arn:{{partition}}:s3:::{{flowLogBucket}}"
`,
    terraform: `resource "aws_flow_log" "vpc" {
  vpc_id               = "{{resource}}"
  traffic_type         = "REJECT"
  log_destination_type = "s3"
  log_destination      = "arn:{{partition}}:s3:::{{flowLogBucket}}"
}
`,
    inputs: { flowLogBucket: { default: 'flow-logs-{{account}}', means: 'The bucket that receives the flow logs.' } },
  }),
  async evaluate({ data, account, region, partition, params }) {
    const [vpcs, flowLogs] = await readAll([data.ec2.vpcs(), data.ec2.flowLogs()]);
    const wanted = new Set(params.trafficTypes.map((t) => t.toUpperCase()));
    // A VPC shared into this account (AWS RAM) is judged in its owner's account, where its flow logs live.
    return vpcs.filter((vpc) => (vpc.OwnerId ?? account) === account).map((vpc) => {
      const resource = vpcResource(vpc, partition, region, account);
      const own = flowLogs.filter((log) => log.ResourceId === vpc.VpcId);
      // A flow log counts while it is ACTIVE (DescribeFlowLogs lists no other status today; a missing one counts).
      const active = own.filter((log) => log.FlowLogStatus === undefined || log.FlowLogStatus === 'ACTIVE');
      const capturing = active.filter((log) => wanted.has((log.TrafficType ?? '').toUpperCase()));
      const evidence = {
        flowLogs: own.length,
        capturingFlowLogs: capturing.map((log) => `${log.FlowLogId} (${log.TrafficType})`).join(', ') || null,
        otherFlowLogs:
          own
            .filter((log) => !capturing.includes(log))
            .map((log) => `${log.FlowLogId} (${log.TrafficType}, ${log.FlowLogStatus ?? 'no status'})`)
            .join(', ') || null,
        deliverLogsStatus: capturing.map((log) => log.DeliverLogsStatus ?? 'unknown').join(', ') || null,
      };
      const name = resource.name ?? vpc.VpcId ?? 'the VPC';
      if (capturing.length > 0) {
        return pass(resource, `VPC ${name} has a flow log capturing ${capturing[0]?.TrafficType} traffic.`, { reasonCode: 'FLOW_LOGS_CAPTURE_REJECTED_TRAFFIC', evidence });
      }
      if (own.length > 0) {
        return fail(
          resource,
          `VPC ${name} has flow logs, but none active that captures rejected traffic (traffic type ${[...wanted].join(' or ')}).`,
          { reasonCode: 'FLOW_LOGS_MISS_REJECTED_TRAFFIC', evidence },
        );
      }
      return fail(resource, `VPC ${name} has no flow log.`, { reasonCode: 'FLOW_LOGS_NOT_ENABLED', evidence });
    });
  },
});
