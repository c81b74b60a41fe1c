import rule from '../../../rules/secretsmanager/secretsmanager-secret-policy-no-public-principal.js';
import { TEST_ACCOUNT } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { resourcePolicyCases } from '../lib/resource-policy.table.js';

const arn = (name: string, region = 'us-east-1') => `arn:aws:secretsmanager:${region}:${TEST_ACCOUNT}:secret:${name}-AbCdEf`;

testRule(
  rule,
  resourcePolicyCases({
    list: 'secretsmanager.secrets',
    read: 'secretsmanager.secretPolicy',
    listAction: 'secretsmanager:ListSecrets',
    readAction: 'secretsmanager:GetResourcePolicy',
    noPolicyCode: 'NO_SECRET_POLICY',
    listed: (names, region) => names.map((name) => ({ name, arn: arn(name, region) })),
    id: arn,
    // The read takes the secret's ARN: name-<6 random characters>.
    nameOf: (arg) => (arg as string).split(':').at(-1)!.replace(/-[A-Za-z]{6}$/, ''),
    canBeGone: true,
  }),
);
