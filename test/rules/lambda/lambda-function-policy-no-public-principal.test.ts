import rule from '../../../rules/lambda/lambda-function-policy-no-public-principal.js';
import { TEST_ACCOUNT } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { resourcePolicyCases } from '../lib/resource-policy.table.js';

const arn = (name: string, region = 'us-east-1') => `arn:aws:lambda:${region}:${TEST_ACCOUNT}:function:${name}`;

testRule(
  rule,
  resourcePolicyCases({
    list: 'lambda.functions',
    read: 'lambda.functionPolicy',
    listAction: 'lambda:ListFunctions',
    readAction: 'lambda:GetPolicy',
    noPolicyCode: 'NO_FUNCTION_POLICY',
    listed: (names, region) => names.map((name) => ({ name, arn: arn(name, region) })),
    id: arn,
    nameOf: String,
    canBeGone: false,
  }),
);
