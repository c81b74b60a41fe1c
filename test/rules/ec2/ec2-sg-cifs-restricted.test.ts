import { expect, it } from 'vitest';
import rule from '../../../rules/ec2/ec2-sg-cifs-restricted.js';
import { runsFor } from '../../../src/engine/registry.js';
import { testRule } from '../../helpers/rule-tester.js';
import { ARN, sg, v4 } from './security-groups.fixture.js';
import { openPortCases } from './security-groups.table.js';

testRule(
  rule,
  openPortCases({
    failing: ['sg-wide-v4', 'sg-all-v4', 'sg-all-v6', 'sg-udp-admin-v4', 'sg-cifs-v4', 'sg-cifs-udp-v6'],
    why: 'rules for ports 22 or 3389 alone are not CIFS; udp 22-3389 (sg-udp-admin-v4) spans 445',
    extra: {
      failed: [
        {
          name: 'no Security Hub control id, and the finding links the rule doc',
          fixture: { 'ec2.securityGroups': [sg('sg-cifs', [v4('tcp', 445, 445)])] },
          results: { resource: ARN('sg-cifs'), reasonCode: 'OPEN_TO_INTERNET', evidence: { exposedPorts: '445' } },
          check: ({ findings }) => {
            expect(findings[0]?.Compliance?.SecurityControlId).toBeUndefined();
            expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/5.1.2']);
            expect(findings[0]?.Remediation?.Recommendation?.Url).toBe(
              'https://github.com/hubcheck/hubcheck/blob/main/rules/ec2/ec2-sg-cifs-restricted.md',
            );
          },
        },
      ],
    },
  }),
);

it('runs for CIS v5.0.0 and its renumberings only, its disputed A/M? status counting as Automated', () => {
  expect((['1.2.0', '1.4.0', '3.0.0', '5.0.0', '6.0.0', '7.0.0'] as const).filter((v) => runsFor(rule, v))).toEqual(['5.0.0', '6.0.0', '7.0.0']);
  expect(rule.cisStatus).toEqual({ '5.0.0': 'A/M?', '6.0.0': 'A/M?', '7.0.0': 'A/M?' });
});
