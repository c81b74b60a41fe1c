import { expect } from 'vitest';
import rule from '../../../rules/rds/rds-instance-auto-minor-version-upgrade.js';
import { testRule } from '../../helpers/rule-tester.js';
import { instance } from './fixtures.js';
import { INSTANCE_ARN, rdsFlagCases } from './rds.table.js';

testRule(
  rule,
  rdsFlagCases({
    kind: 'instance',
    field: 'AutoMinorVersionUpgrade',
    passWhen: true,
    codes: { passed: 'AUTO_MINOR_UPGRADE_ENABLED', failed: 'AUTO_MINOR_UPGRADE_DISABLED' },
    extra: {
      failed: [
        {
          name: 'a pinned instance fails with HIGH severity under CIS v5.0.0 2.2.2',
          fixture: { 'rds.dbInstances': [instance('pinned', { AutoMinorVersionUpgrade: false })] },
          results: {
            resource: INSTANCE_ARN('pinned'),
            reasonCode: 'AUTO_MINOR_UPGRADE_DISABLED',
            reason: 'DB instance pinned has automatic minor version upgrade turned off.',
            evidence: { engine: 'postgres' },
          },
          check: ({ findings }) => {
            expect(findings[0]?.Severity?.Label).toBe('HIGH');
            expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/2.2.2']);
          },
        },
      ],
    },
  }),
);
