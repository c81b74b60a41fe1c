import { defineRule, type ResourceRef } from '../../src/engine/rule.js';
import { PUBLIC_PRINCIPAL_REASON_CODES } from '../lib/public-principal.js';
import { ruleDocRemediation } from '../lib/remediation.js';
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
  remediation: ruleDocRemediation(
    'sqs',
    'sqs-queue-policy-no-public-principal',
    'Replace "Principal": "*" in the queue policy with the accounts or services that need the queue, or add a condition on aws:SourceAccount, aws:SourceArn or aws:PrincipalOrgID (aws sqs set-queue-attributes --attributes Policy=...).',
  ),
  async evaluate({ data, region, partition, account }) {
    return judgeResourcePolicies(await data.sqs.queueUrls(), {
      resource: (url) => queueResource(url, region, partition, account),
      label: (url) => `SQS queue ${queueResource(url, region, partition, account).name}`,
      read: (url) => data.sqs.queuePolicy(url),
      noPolicyCode: 'NO_QUEUE_POLICY',
    });
  },
});
