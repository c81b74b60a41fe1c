/**
 * Every accessor, by service. Adding a service: write `src/data/<service>.ts`
 * exporting an object of `defineAccessor(...)`s and add it here.
 */
import type { Accessor, AccessorSpec, Json } from './accessor.js';
import { accessanalyzer } from './accessanalyzer.js';
import { account } from './account.js';
import { apigateway } from './apigateway.js';
import { cloudfront } from './cloudfront.js';
import { cloudtrail } from './cloudtrail.js';
import { cloudwatch } from './cloudwatch.js';
import { config } from './config.js';
import { ec2 } from './ec2.js';
import { ecr } from './ecr.js';
import { efs } from './efs.js';
import { elb } from './elb.js';
import { elbv2 } from './elbv2.js';
import { iam } from './iam.js';
import { kms } from './kms.js';
import { lambda } from './lambda.js';
import { logs } from './logs.js';
import { macie2 } from './macie2.js';
import { organizations } from './organizations.js';
import { rds } from './rds.js';
import { s3 } from './s3.js';
import { secretsmanager } from './secretsmanager.js';
import { securityhub } from './securityhub.js';
import { sns } from './sns.js';
import { sqs } from './sqs.js';
import { sts } from './sts.js';

const services = {
  accessanalyzer,
  account,
  apigateway,
  cloudfront,
  cloudtrail,
  cloudwatch,
  config,
  ec2,
  ecr,
  efs,
  elb,
  elbv2,
  iam,
  kms,
  lambda,
  logs,
  macie2,
  organizations,
  rds,
  s3,
  secretsmanager,
  securityhub,
  sns,
  sqs,
  sts,
};

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
