/** `scan --securityhub` wiring, in-process over the demo snapshot, with Security Hub and STS behind aws-sdk-client-mock. */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BatchImportFindingsCommand,
  DescribeHubCommand,
  GetFindingsCommand,
  SecurityHubClient,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { cli } from '../helpers/cli.js';
import { awsError } from '../helpers/securityhub.js';

// Each test runs a CLI scan of the demo replay: seconds alone, far longer on a loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

const hub = mockClient(SecurityHubClient);
const sts = mockClient(STSClient);
const DEMO_ACCOUNT = '314159265358';

beforeEach(() => {
  sts.on(GetCallerIdentityCommand).resolves({ Account: DEMO_ACCOUNT, Arn: `arn:aws:iam::${DEMO_ACCOUNT}:user/auditor` });
  hub.on(DescribeHubCommand).resolves({ HubArn: 'arn' });
  hub.on(GetFindingsCommand).resolves({ Findings: [] });
  hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: AwsSecurityFinding[] }) => ({ FailedCount: 0, SuccessCount: input.Findings.length, FailedFindings: [] }));
});
afterEach(() => {
  hub.reset();
  sts.reset();
});

async function scan(extra: string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'hubcheck-scan-sh-'));
  const result = await cli(['scan', '--replay', 'demo/acme-snapshot.json', '--output-dir', dir, '--no-progress', '--securityhub', ...extra]);
  const findings = JSON.parse(await readFile(path.join(dir, 'findings.asff.json'), 'utf8')) as AwsSecurityFinding[];
  return { ...result, dir, findings };
}

describe('scan --securityhub', () => {
  it('pushes every finding of the scan, each to its Region, and exits as the scan does when all were sent', async () => {
    const { code, findings, dir, stderr } = await scan(['--fail-on', 'none']);
    expect(code).toBe(0);
    const sent = hub.commandCalls(BatchImportFindingsCommand).flatMap((c) => c.args[0].input.Findings ?? []);
    expect(sent.map((f) => f.Id).sort()).toEqual(findings.map((f) => f.Id).sort());
    for (const call of hub.commandCalls(BatchImportFindingsCommand)) {
      const region = await call.thisValue.config.region();
      expect(call.args[0].input.Findings?.every((f) => f.ProductArn?.split(':')[3] === region)).toBe(true);
    }
    expect(existsSync(path.join(dir, 'unsent.asff.json'))).toBe(false);
    expect(stderr).toMatch(/Security Hub us-east-1: sent \d+, failed 0, archived 0, resolved 0/);
  });

  it('exits 3 when findings are left in unsent.asff.json, whatever --fail-on says', async () => {
    hub.on(DescribeHubCommand).rejects(awsError('InvalidAccessException', 401, 'not subscribed'));
    const incomplete = await scan(['--fail-on', 'none']);
    expect(incomplete.code).toBe(3);
    const unsent = JSON.parse(await readFile(path.join(incomplete.dir, 'unsent.asff.json'), 'utf8')) as AwsSecurityFinding[];
    expect(unsent.map((f) => f.Id).sort()).toEqual(incomplete.findings.map((f) => f.Id).sort());
    // Incompleteness outranks failure: FAILED findings at --fail-on LOW do not turn 3 into 1.
    expect((await scan([])).code).toBe(3);
    expect(hub.commandCalls(BatchImportFindingsCommand)).toHaveLength(0);
  });

  it('calls nothing in Security Hub but DescribeHub, GetFindings and BatchImportFindings', async () => {
    const { findings } = await scan(['--fail-on', 'none']);
    expect(findings.length).toBeGreaterThan(0);
    const names = new Set(hub.calls().map((c) => (c.args[0] as object).constructor.name));
    expect([...names].sort()).toEqual(['BatchImportFindingsCommand', 'DescribeHubCommand', 'GetFindingsCommand']);
  });
});
