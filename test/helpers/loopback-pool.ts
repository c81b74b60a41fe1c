/**
 * A ClientPool against a loopback HTTP server the test controls: SDK
 * middleware (deadlines, admission, call hooks) runs, which it does not under
 * aws-sdk-client-mock.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiStats } from '../../src/data/api-stats.js';
import { ClientPool, createHttpHandler, type ClientPoolOptions } from '../../src/data/clients.js';

/** Starts `handle` on 127.0.0.1; `url` is its endpoint once `start()` has resolved. */
export function loopbackServer(handle: http.RequestListener) {
  const server = http.createServer(handle);
  const state = { url: '' };
  return {
    get url() {
      return state.url;
    },
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A pool with test credentials and no rate limits, on its own HTTP handler; `close()` frees both. */
export function loopbackPool(endpoint: string, options: Partial<ClientPoolOptions> = {}) {
  const handler = createHttpHandler(64, 1000);
  const stats = options.stats ?? new ApiStats();
  const pool = new ClientPool({
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    httpHandler: handler,
    endpoint,
    rateLimits: false,
    ...options,
    stats,
  });
  return {
    pool,
    stats,
    close: () => {
      pool.destroy();
      handler.destroy();
    },
  };
}
