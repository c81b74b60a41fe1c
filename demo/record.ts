/**
 * Re-records the embedded demo snapshot: starts moto as Acme's account, seeds
 * it (demo/seed.ts), runs a recorded scan of every rule across Acme's Regions,
 * then adds what moto cannot represent (the credential report's root row and
 * the root fields of the account summary). Run: npm run demo:record
 */
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { builtInRules } from '../rules/index.js';
import { main } from '../src/cli/main.js';
import { DEMO_SNAPSHOT } from '../src/cli/demo.js';
import { parseSnapshot, serializeSnapshot } from '../src/data/snapshot.js';
import type { CredentialReport } from '../src/data/credential-report.js';
import { startMoto } from '../src/dev/moto-server.js';
import { ACME_ACCOUNT, ACME_HOME_REGION, ACME_REGIONS, seedAcme } from './seed.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
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
  const code = await main(
    [
      'scan',
      '--regions', ACME_REGIONS.join(','),
      '--rules', builtInRules.map((r) => r.id).join(','),
      '--record', DEMO_SNAPSHOT,
      '--output-dir', path.join('hubcheck-reports', 'demo-record'),
      '--fail-on', 'none',
      '--no-progress',
    ],
    { stdout: process.stdout, stderr: process.stderr },
  );
  if (code !== 0) throw new Error(`the recorded scan exited ${code}`);

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
    }
  }
  await writeFile(DEMO_SNAPSHOT, serializeSnapshot(snapshot));
  process.stderr.write(`recorded ${DEMO_SNAPSHOT}\n`);
} finally {
  moto.stop();
}
