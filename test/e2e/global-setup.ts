/**
 * Starts one moto_server (preinstalled with Python) on a free loopback port for
 * the e2e suite and gives its URL to the tests. When moto_server is not on PATH
 * the URL is empty and the suites skip, saying why.
 */
import type { TestProject } from 'vitest/node';
import { startMoto } from '../../src/dev/moto-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    motoUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const moto = await startMoto();
  if (!moto && process.env.HUBCHECK_REQUIRE_MOTO) throw new Error('moto_server is not on PATH and HUBCHECK_REQUIRE_MOTO is set');
  project.provide('motoUrl', moto?.url ?? '');
  return async () => {
    moto?.stop();
  };
}
