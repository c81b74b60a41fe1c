import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { PUBLIC_PRINCIPAL_REASON_CODES } from '../lib/public-principal.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';
import { judgeResourcePolicies } from '../lib/resource-policies.js';

/** A queue URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`) as an ASFF resource. */
function queueResource(url: string, region: string, partition: string, account: string): ResourceRef {
  const [owner, name] = new URL(url).pathname.split('/').filter(Boolean).slice(-2);
  const queueName = name ?? url;
  return {
    type: 'AwsSqsQueue',
    id: `arn:${partition}:sqs:${region}:${owner ?? account}:${queueName}`,
    name: queueName,
    region,
    details: { AwsSqsQueue: { QueueName: queueName } },
  };
}

export default defineRule({
  id: 'sqs-queue-policy-no-public-principal',
  title: 'SQS queue policies should not allow every principal without a restricting condition',
  securityHubControlId: null,
  severity: 'HIGH',
  cis: { '7.0.0': '2.21' },
  scope: 'region',
  resourceType: 'AwsSqsQueue',
  requiredActions: ['sqs:ListQueues', 'sqs:GetQueueAttributes'],
  reasonCodes: {
    ...PUBLIC_PRINCIPAL_REASON_CODES,
    NO_QUEUE_POLICY: 'The queue has no access policy, so only its owner account can use it.',
  },
  remediation: withSteps('sqs-queue-policy-no-public-principal', ruleDocRemediation(
    'sqs',
    'sqs-queue-policy-no-public-principal',
    'Replace "Principal": "*" in the queue policy with the accounts or services that need the queue, or add a condition on aws:SourceAccount, aws:SourceArn or aws:PrincipalOrgID (aws sqs set-queue-attributes --attributes Policy=...).',
  ), {
    change: 'Give the queue (in its Region) a policy whose statements name their principals instead of "Principal": "*", or restrict "*" with a condition (aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID). The example lets only the account use the queue.',
    cli: [
      "aws sqs set-queue-attributes --region {{region}} --queue-url https://sqs.{{region}}.amazonaws.com/{{account}}/{{resource}} --attributes '{\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Sid\\\":\\\"AccountUses\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"arn:{{partition}}:iam::{{account}}:root\\\"},\\\"Action\\\":\\\"sqs:*\\\",\\\"Resource\\\":\\\"{{resourceArn|json}}\\\"}]}\"}'",
    ],
    cloudformation: `QueuePolicy:
  Type: AWS::SQS::QueuePolicy
  Properties:
    Queues:
      - "https://sqs.{{region}}.amazonaws.com/{{account}}/{{resource}}"
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Sid: AccountUses
          Effect: Allow
          Principal:
            AWS: "arn:{{partition}}:iam::{{account}}:root"
          Action: sqs:*
          Resource: "{{resourceArn}}"
`,
    terraform: `resource "aws_sqs_queue_policy" "queue" {
  queue_url = "https://sqs.{{region}}.amazonaws.com/{{account}}/{{resource}}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountUses"
      Effect    = "Allow"
      Principal = { AWS = "arn:{{partition}}:iam::{{account}}:root" }
      Action    = "sqs:*"
      Resource  = "{{resourceArn}}"
    }]
  })
}
`,
  }),
  async evaluate({ data, region, partition, account }) {
    return judgeResourcePolicies(await data.sqs.queueUrls(), {
      resource: (url) => queueResource(url, region, partition, account),
      label: (url) => `SQS queue ${queueResource(url, region, partition, account).name}`,
      read: (url) => data.sqs.queuePolicy(url),
      noPolicyCode: 'NO_QUEUE_POLICY',
    });
  },
});
