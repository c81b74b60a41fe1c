import { describe, expect, it } from 'vitest';
import rule from '../../../rules/efs/efs-filesystem-encrypted-at-rest.js';
import { ruleHarness } from '../../helpers/rule-harness.js';
import { fileSystem } from './fixtures.js';

const run = ruleHarness(rule);

// The evaluation itself is tested for both EFS encryption rules in test/rules/lib/efs-encryption.test.ts.
describe('efs-filesystem-encrypted-at-rest (EFS.8)', () => {
  it('reports an unencrypted file system under EFS.8', async () => {
    const { findings } = await run({ 'efs.fileSystems': [fileSystem('fs-plain', { Encrypted: false })] });
    expect(findings).toMatchObject([{ Compliance: { Status: 'FAILED', SecurityControlId: 'EFS.8' } }]);
  });

  it('belongs to CIS v5.0.0 2.3.1 only', async () => {
    const { findings } = await run({ 'efs.fileSystems': [fileSystem('fs-1')] }, { benchmarks: ['3.0.0', '5.0.0'] });
    expect(findings[0]?.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/2.3.1']);
  });
});
