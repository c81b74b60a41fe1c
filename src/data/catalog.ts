/**
 * Every accessor, by service. Adding a service: write `src/data/<service>.ts`
 * exporting an object of `defineAccessor(...)`s and add it here.
 */
import type { Accessor, AccessorSpec, Json } from './accessor.js';
import { cloudtrail } from './cloudtrail.js';
import { cloudwatch } from './cloudwatch.js';
import { config } from './config.js';
import { ec2 } from './ec2.js';
import { iam } from './iam.js';
import { logs } from './logs.js';
import { s3 } from './s3.js';
import { securityhub } from './securityhub.js';
import { sns } from './sns.js';
import { sts } from './sts.js';

const services = { cloudtrail, cloudwatch, config, ec2, iam, logs, s3, securityhub, sns, sts };

export type Catalog = typeof services;

for (const [service, accessors] of Object.entries(services)) {
  for (const [name, spec] of Object.entries(accessors)) {
    Object.defineProperty(spec, 'id', { value: `${service}.${name}`, enumerable: true });
    Object.freeze(spec);
  }
}

/** The catalog with ids assigned: `catalog.iam.accountSummary.id === 'iam.accountSummary'`. */
export const catalog = services as unknown as {
  readonly [S in keyof Catalog]: {
    readonly [N in keyof Catalog[S]]: Catalog[S][N] extends AccessorSpec<infer A, infer R> ? Accessor<A, R> : never;
  };
};

export function allAccessors(): Accessor[] {
  return Object.values(services).flatMap((accessors) => Object.values(accessors) as unknown as Accessor[]);
}

export function accessorById(id: string): Accessor | undefined {
  return allAccessors().find((a) => a.id === id);
}

export type { Accessor, Json };
