/** The cases every instance rule shares (EC2.8, the CIS instance-role rule): which instances are judged, and a list that cannot be read. */
import { TEST_ACCOUNT, denied } from '../../helpers/fixture-source.js';
import type { RuleCases } from '../../helpers/rule-tester.js';
import { ARN, instance } from './instances.fixture.js';

export interface InstanceTable {
  /** The code a default instance (no profile, HttpTokens optional) gets: both rules fail it. */
  defaultCode: string;
  extra: Pick<RuleCases, 'passed' | 'failed'> & Partial<RuleCases>;
}

export function instanceRuleCases({ defaultCode, extra }: InstanceTable): RuleCases {
  return {
    passed: extra.passed,
    failed: [
      {
        name: 'terminated and terminating instances get no result; a pending one is judged',
        fixture: {
          'ec2.instances': [
            instance('i-gone', { State: { Name: 'terminated', Code: 48 } }),
            instance('i-going', { State: { Name: 'shutting-down', Code: 32 } }),
            instance('i-pending', { State: { Name: 'pending', Code: 0 } }),
          ],
        },
        results: [{ resource: ARN('i-pending'), reasonCode: defaultCode, evidence: { state: 'pending' } }],
      },
      ...extra.failed,
    ],
    notAvailable: [
      {
        name: 'instances cannot be listed',
        fixture: { 'ec2.instances': denied('ec2:DescribeInstances') },
        results: {
          resource: `AWS::::Account:${TEST_ACCOUNT}`,
          reasonCode: 'ACCESS_DENIED',
          action: 'ec2:DescribeInstances',
          reason: 'Missing permission ec2:DescribeInstances (AccessDenied)',
        },
      },
      ...(extra.notAvailable ?? []),
    ],
  };
}
