/** A LiveSource over aws-sdk-client-mock'ed clients (no network): the data layer's real code, fake AWS. */
import { ApiStats } from '../../src/data/api-stats.js';
import { ClientPool, createHttpHandler } from '../../src/data/clients.js';
import { LiveSource } from '../../src/data/live-source.js';
import { PromiseCache } from '../../src/data/cache.js';
import { AccountData } from '../../src/data/layer.js';
import { TEST_IDENTITY } from './fixture-source.js';

export function mockedLiveSource(options: { credentialReportPollMs?: number; credentialReportTimeoutMs?: number } = {}) {
  const pool = new ClientPool({
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    stats: new ApiStats(),
    httpHandler: createHttpHandler(),
    endpoint: 'http://127.0.0.1:9',
    maxAttempts: 1,
  });
  const source = new LiveSource(pool, {
    credentialReportPollMs: options.credentialReportPollMs ?? 1,
    credentialReportTimeoutMs: options.credentialReportTimeoutMs ?? 2_000,
  });
  const account = new AccountData(source, new PromiseCache(), TEST_IDENTITY, 'us-east-1');
  return { pool, source, account, data: (region = 'us-east-1') => account.layer(region) };
}
