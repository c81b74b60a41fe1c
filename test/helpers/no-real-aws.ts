/**
 * Every test process: no real AWS, ever. Credentials are dummies, shared config
 * files point nowhere, the instance metadata service is off, and any SDK call
 * that is not to loopback fails the test.
 */
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';

process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;
process.env.AWS_CONFIG_FILE = '/nonexistent/hubcheck-test-config';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/hubcheck-test-credentials';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_REGION ??= 'us-east-1';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function guard<T extends (...args: never[]) => unknown>(original: T): T {
  return function (this: unknown, ...args: never[]) {
    const [target] = args as unknown[];
    const host =
      typeof target === 'string' ? new URL(target).hostname
        : target instanceof URL ? target.hostname
          : ((target as { hostname?: string; host?: string } | undefined)?.hostname ?? (target as { host?: string } | undefined)?.host ?? 'localhost');
    if (!LOOPBACK.has(String(host).replace(/:\d+$/, ''))) {
      throw new Error(`test tried to reach ${String(host)}: tests may only talk to loopback`);
    }
    return original.apply(this, args);
  } as T;
}
http.request = guard(http.request);
http.get = guard(http.get);
https.get = guard(https.get);
https.request = guard(https.request);
syncBuiltinESMExports();
