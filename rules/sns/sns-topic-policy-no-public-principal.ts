import { DataUnavailable } from '../../src/data/errors.js';
import { attempt, defineRule, pass, unavailable, type ResourceRef } from '../../src/engine/rule.js';
import { PUBLIC_PRINCIPAL_REASON_CODES, judgeResourcePolicy } from '../lib/public-principal.js';
import { ruleDocRemediation, withSteps } from '../lib/remediation.js';

function topicResource(arn: string): ResourceRef {
  const parts = arn.split(':');
  const name = parts.at(-1) ?? arn;
  return { type: 'AwsSnsTopic', id: arn, name, ...(parts[3] ? { region: parts[3] } : {}), details: { AwsSnsTopic: { TopicName: name } } };
}

export default defineRule({
  id: 'sns-topic-policy-no-public-principal',
  title: 'SNS topic policies should not allow every principal without a restricting condition',
  securityHubControlId: null,
  severity: 'HIGH',
  cis: { '7.0.0': '2.21' },
  scope: 'region',
  resourceType: 'AwsSnsTopic',
  requiredActions: ['sns:ListTopics', 'sns:GetTopicAttributes'],
  reasonCodes: {
    ...PUBLIC_PRINCIPAL_REASON_CODES,
    NO_TOPIC_POLICY: 'The topic has no Policy attribute, so only the owner account can use it.',
  },
  remediation: withSteps('sns-topic-policy-no-public-principal', ruleDocRemediation(
    'sns',
    'sns-topic-policy-no-public-principal',
    'Replace "Principal": "*" in the topic policy with the accounts or services that need access, or add a condition on aws:SourceAccount, aws:SourceArn or aws:PrincipalOrgID (aws sns set-topic-attributes --attribute-name Policy).',
  ), {
    change: 'Give the topic (in its Region) a policy whose statements name their principals instead of "Principal": "*", or restrict "*" with a condition (aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID). The example lets only the account use the topic.',
    cli: [
      "aws sns set-topic-attributes --region {{region}} --topic-arn {{resourceArn}} --attribute-name Policy --attribute-value '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AccountUses\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:{{partition}}:iam::{{account}}:root\"},\"Action\":[\"sns:Publish\",\"sns:Subscribe\",\"sns:GetTopicAttributes\"],\"Resource\":\"{{resourceArn|json}}\"}]}'",
    ],
    cloudformation: `TopicPolicy:
  Type: AWS::SNS::TopicPolicy
  Properties:
    Topics:
      - "{{resourceArn}}"
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Sid: AccountUses
          Effect: Allow
          Principal:
            AWS: "arn:{{partition}}:iam::{{account}}:root"
          Action:
            - sns:Publish
            - sns:Subscribe
            - sns:GetTopicAttributes
          Resource: "{{resourceArn}}"
`,
    terraform: `resource "aws_sns_topic_policy" "topic" {
  arn = "{{resourceArn}}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountUses"
      Effect    = "Allow"
      Principal = { AWS = "arn:{{partition}}:iam::{{account}}:root" }
      Action    = ["sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes"]
      Resource  = "{{resourceArn}}"
    }]
  })
}
`,
  }),
  async evaluate({ data }) {
    const topics = await data.sns.topics();
    const results = await Promise.all(
      topics.map(async (arn) => {
        const resource = topicResource(arn);
        const policy = await attempt(data.sns.topicPolicy(arn));
        if (policy instanceof DataUnavailable) return unavailable(resource, policy);
        if (policy === null) return null; // deleted since ListTopics
        if (policy.text === null) {
          return pass(resource, `SNS topic ${resource.name} has no access policy.`, { reasonCode: 'NO_TOPIC_POLICY', evidence: { topicPolicy: 'none' } });
        }
        return judgeResourcePolicy(resource, `SNS topic ${resource.name}`, policy.document);
      }),
    );
    return results.filter((r) => r !== null);
  },
});
