/**
 * Re-records the embedded demo snapshot: starts moto as Acme's account, seeds
 * it (demo/seed.ts), runs a recorded scan of every rule across Acme's Regions,
 * then adds what moto cannot represent (the credential report's root row and
 * the root fields of the account summary). Run: npm run demo:record
 */
import path from 'node:path';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { builtInRules } from '../rules/index.js';
import { parseSnapshot, serializeSnapshot } from '../src/data/snapshot.js';
import type { CredentialReport } from '../src/data/credential-report.js';
import { startMoto } from '../src/dev/moto-server.js';
import { PACKAGE_ROOT } from '../src/version.js';
import { ACME_ACCOUNT, ACME_HOME_REGION, ACME_REGIONS, seedAcme } from './seed.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
/** Where `hubcheck demo` reads the snapshot (src/cli/demo.ts). */
const DEMO_SNAPSHOT = path.join(PACKAGE_ROOT, 'demo', 'acme-snapshot.json');

/** Runs the built CLI as a user would (nothing imports from src/cli), with this process's environment. */
function hubcheck(args: string[]): Promise<number> {
  const bin = path.join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'bin.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit', env: process.env });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
type Row = CredentialReport['rows'][number];
const key = (active: boolean, lastRotated: string | null, lastUsedDate: string | null) => ({
  active,
  lastRotated,
  lastUsedDate,
  lastUsedRegion: lastUsedDate ? 'eu-west-1' : null,
  lastUsedService: lastUsedDate ? 's3' : null,
});

/** Credential-report dates that tell Acme's story (moto dates everything "now"). */
function realisticDates(user: string, row: Row): Partial<Row> {
  const none = key(false, null, null);
  switch (user) {
    case 'alice.nguyen':
      return { userCreationTime: '2022-03-01T09:00:00+00:00', passwordLastUsed: '2026-11-26T08:12:00+00:00', passwordLastChanged: '2026-09-01T09:00:00+00:00' };
    case 'bob.schmidt':
      return {
        userCreationTime: '2023-01-16T10:30:00+00:00',
        passwordLastUsed: '2026-11-20T14:02:00+00:00',
        passwordLastChanged: '2025-01-16T10:30:00+00:00',
        accessKeys: [key(true, '2025-02-11T11:00:00+00:00', '2026-11-25T17:40:00+00:00'), none],
      };
    case 'carol.okafor':
      return { userCreationTime: '2023-06-05T08:00:00+00:00', passwordLastUsed: '2026-08-02T12:00:00+00:00', passwordLastChanged: '2026-02-01T08:00:00+00:00' };
    case 'dmitri.ivanov':
      return { userCreationTime: '2024-02-19T09:00:00+00:00', passwordLastUsed: '2026-11-25T16:45:00+00:00', passwordLastChanged: '2026-08-19T09:00:00+00:00' };
    case 'ci-deploy':
      return { userCreationTime: '2022-11-03T13:00:00+00:00', accessKeys: [key(true, '2026-10-01T07:00:00+00:00', '2026-11-27T06:00:00+00:00'), none] };
    case 'legacy-reporting':
      return { userCreationTime: '2019-07-22T15:00:00+00:00', accessKeys: [key(true, '2024-06-10T09:00:00+00:00', '2025-04-03T02:10:00+00:00'), none] };
    case 'security-audit':
      return { userCreationTime: '2026-01-12T10:00:00+00:00', accessKeys: [key(true, '2026-10-15T10:00:00+00:00', '2026-11-27T09:00:00+00:00'), row.accessKeys[1]] };
    default:
      return {};
  }
}

const moto = await startMoto({ MOTO_ACCOUNT_ID: ACME_ACCOUNT });
if (!moto) throw new Error('moto_server is not on PATH');
try {
  const credentials = await seedAcme(moto.url);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: moto.url,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: ACME_HOME_REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  });
  const code = await hubcheck([
    'scan',
    '--regions', ACME_REGIONS.join(','),
    '--rules', builtInRules.map((r) => r.id).join(','),
    '--record', DEMO_SNAPSHOT,
    '--output-dir', path.join('hubcheck-reports', 'demo-record'),
    '--fail-on', 'none',
    '--no-progress',
  ]);
  // 3 is expected: moto has no Access Analyzer (HTTP 500); its answers are patched in below.
  if (code !== 0 && code !== 3) throw new Error(`the recorded scan exited ${code}`);

  const snapshot = parseSnapshot(await readFile(DEMO_SNAPSHOT, 'utf8'));
  for (const account of snapshot.accounts) {
    const summary = account.entries['global|iam.accountSummary|[]'];
    if (summary && 'value' in summary) Object.assign(summary.value as object, { AccountPasswordPresent: 1, AccountMFAEnabled: 0 });
    const report = account.entries['global|iam.credentialReport|[]'];
    if (report && 'value' in report) {
      const value = report.value as CredentialReport;
      const none = { active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null };
      value.rows.unshift({
        user: '<root_account>',
        arn: `arn:aws:iam::${ACME_ACCOUNT}:root`,
        userCreationTime: '2019-03-14T15:09:26+00:00',
        passwordEnabled: null,
        passwordLastUsed: '2026-10-02T08:13:00+00:00',
        passwordLastChanged: null,
        passwordNextRotation: null,
        mfaActive: false,
        accessKeys: [none, none],
        certificates: [{ active: false, lastRotated: null }, { active: false, lastRotated: null }],
      });
      value.generatedTime = snapshot.recordedAt;
      for (const row of value.rows) Object.assign(row, realisticDates(row.user, row));
    }
    // moto has no ListOrganizationsFeatures: Acme is a standalone account, outside AWS Organizations.
    account.entries['global|iam.organizationsFeatures|[]'] = { value: { standing: 'not-in-organization', organizationId: null, enabledFeatures: [] } };
    // moto has no IAM Access Analyzer: Acme runs an account analyzer in its two main Regions.
    for (const region of ACME_REGIONS) {
      account.entries[`${region}|accessanalyzer.analyzers|[]`] = {
        value:
          region === 'ap-southeast-2'
            ? []
            : [
                {
                  arn: `arn:aws:access-analyzer:${region}:${ACME_ACCOUNT}:analyzer/acme-account-analyzer`,
                  name: 'acme-account-analyzer',
                  type: 'ACCOUNT',
                  status: 'ACTIVE',
                  statusReason: null,
                },
              ],
      };
    }
  }
  await writeFile(DEMO_SNAPSHOT, serializeSnapshot(snapshot));
  // The replay must evaluate everything: no read left unanswered.
  const replay = await hubcheck(['scan', '--replay', DEMO_SNAPSHOT, '--rules', builtInRules.map((r) => r.id).join(','), '--output-dir', path.join('hubcheck-reports', 'demo-check'), '--fail-on', 'none', '--no-progress']);
  if (replay !== 0) throw new Error(`the recorded snapshot does not replay cleanly (exit ${replay})`);
  process.stderr.write(`recorded ${DEMO_SNAPSHOT}\n`);
} finally {
  moto.stop();
}
