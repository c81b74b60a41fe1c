import { describe, expect, it } from 'vitest';
import { pushReport } from '../../src/securityhub/scan-push.js';
import { cli } from '../helpers/cli.js';

describe('help of the Security Hub commands', () => {
  it.each([
    [['import', '--help'], 'Usage: hubcheck import [options] <file>', /--dry-run/],
    [['insights', '--help'], 'Usage: hubcheck insights [options] [file]', /--create/],
    [['actions', '--help'], 'Usage: hubcheck actions [options] [command]', /pattern \[options\]/],
    [['actions', 'create', '--help'], 'Usage: hubcheck actions create [options]', /--description <text>/],
    [['actions', 'pattern', '--help'], 'Usage: hubcheck actions pattern [options]', /--imported/],
    [['scan', '--help'], 'Usage: hubcheck scan [options]', /--securityhub\s+also push the findings/],
    [['permissions', '--help'], 'Usage: hubcheck permissions [options]', /--securityhub/],
  ])('hubcheck %j exits 0 and documents the command', async (args, usage, option) => {
    const result = await cli(args);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(usage);
    expect(result.stdout).toMatch(option);
  });
});

describe('pushReport', () => {
  const region = { account: '123456789012', sent: 0, failed: 0, archived: 0, resolved: 0, duplicates: [] };
  it('says what happened in each Region, in one summary line each', () => {
    expect(
      pushReport({
        account: '123456789012',
        regions: [
          { ...region, region: 'ap-south-1', state: 'not-enabled', reason: 'InvalidAccessException: not subscribed' },
          { ...region, region: 'eu-west-1', state: 'unreachable', reason: 'AccessDeniedException: no', failed: 1 },
          { ...region, region: 'us-east-1', state: 'pushed', sent: 5, archived: 2, resolved: 1, failed: 1, duplicates: ['x'] },
        ],
        unsent: [
          { region: 'eu-west-1', finding: { Id: 'e' } as never, error: { Id: 'e', ErrorCode: 'AccessDeniedException', ErrorMessage: 'no' } },
          { region: 'us-east-1', finding: { Id: 'u' } as never, error: { Id: 'u', ErrorCode: 'InvalidInput', ErrorMessage: 'data.Title too long' } },
        ],
      }),
    ).toEqual([
      'Security Hub is not enabled in ap-south-1 for account 123456789012 (InvalidAccessException: not subscribed); nothing to send there',
      'Security Hub ap-south-1: sent 0, failed 0, archived 0, resolved 0',
      'Security Hub eu-west-1: not pushed (AccessDeniedException: no); its 1 finding was not sent',
      'Security Hub eu-west-1: sent 0, failed 1, archived 0, resolved 0',
      'Security Hub us-east-1: 1 findings repeated an Id in this run; only the first of each was sent',
      'Security Hub us-east-1: not imported u: InvalidInput: data.Title too long',
      'Security Hub us-east-1: sent 5, failed 1, archived 2, resolved 1',
    ]);
  });
});
