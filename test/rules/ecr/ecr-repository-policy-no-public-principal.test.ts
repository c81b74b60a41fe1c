import rule from '../../../rules/ecr/ecr-repository-policy-no-public-principal.js';
import { TEST_ACCOUNT } from '../../helpers/fixture-source.js';
import { testRule } from '../../helpers/rule-tester.js';
import { resourcePolicyCases } from '../lib/resource-policy.table.js';

const arn = (name: string, region = 'us-east-1') => `arn:aws:ecr:${region}:${TEST_ACCOUNT}:repository/${name}`;

testRule(
  rule,
  resourcePolicyCases({
    list: 'ecr.repositories',
    read: 'ecr.repositoryPolicy',
    listAction: 'ecr:DescribeRepositories',
    readAction: 'ecr:GetRepositoryPolicy',
    noPolicyCode: 'NO_REPOSITORY_POLICY',
    listed: (names, region) => names.map((name) => ({ name, arn: arn(name, region) })),
    id: arn,
    nameOf: String,
    canBeGone: true,
  }),
);
