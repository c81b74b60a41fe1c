import rule from '../../../rules/sqs/sqs-queue-policy-no-public-principal.js';
import { TEST_ACCOUNT } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { resourcePolicyCases } from '../lib/resource-policy.table.js';

const url = (name: string, region: string) => `https://sqs.${region}.amazonaws.com/${TEST_ACCOUNT}/${name}`;

testRule(
  rule,
  resourcePolicyCases({
    list: 'sqs.queueUrls',
    read: 'sqs.queuePolicy',
    listAction: 'sqs:ListQueues',
    readAction: 'sqs:GetQueueAttributes',
    noPolicyCode: 'NO_QUEUE_POLICY',
    listed: (names, region) => names.map((n) => url(n, region)),
    id: (name, region = 'us-east-1') => `arn:aws:sqs:${region}:${TEST_ACCOUNT}:${name}`,
    nameOf: (arg) => (arg as string).split('/').at(-1)!,
    canBeGone: true,
  }),
);
