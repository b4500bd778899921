/**
 * One Lambda function per entry of `functionDefinitions()` (infra/functions.ts): Node.js 24 on
 * arm64, ESM bundled by the local esbuild with the same options bench/ uses, a log group of its
 * own, and a role that holds exactly what the function needs and nothing AWS-managed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { envNames } from '../../functions/config/env.ts';
import {
  routes as allRoutes,
  isPublic,
  publicMetaPaths,
  type RouteDefinition,
} from '../../functions/http/routes.ts';
import { bundling, type FunctionDefinition, httpFunctionEntry, projectRoot } from '../functions.ts';
import type { Data } from './data.ts';

/**
 * Log retention for functions, the API and the edge: China's Cybersecurity Law (网络安全法, Art. 21)
 * asks operators to keep network logs for no less than six months; a year leaves margin.
 */
export const logRetention = RetentionDays.ONE_YEAR;

export const serviceName = 'yichuang';
export const metricsNamespace = 'Yichuang';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** What a function may do with the data; derived from the routes it serves. */
export interface FunctionAccess {
  table: 'read' | 'read-write';
  idempotency: boolean;
  putEvents: boolean;
}

/** The routes an http function serves: those whose handler module is its entry. */
export function routesOf(
  definition: FunctionDefinition,
  routes: readonly RouteDefinition[],
): RouteDefinition[] {
  if (definition.kind !== 'http') return [];
  return routes.filter((route) => httpFunctionEntry(route.handler) === definition.entry);
}

/**
 * Least privilege by route: a module that only serves public meta routes (`publicMetaPaths`:
 * health, the OpenAPI document, the catch-all 404) or public GETs only reads. Any other http module
 * and the sweep read and write, use the idempotency table and publish domain events (state
 * transitions and escalations are announced on the bus).
 */
export function accessFor(
  definition: FunctionDefinition,
  routes: readonly RouteDefinition[] = allRoutes,
): FunctionAccess {
  if (definition.kind === 'job') return { table: 'read-write', idempotency: true, putEvents: true };
  const served = routesOf(definition, routes);
  const readOnly =
    served.length > 0 &&
    served.every(
      (route) => isPublic(route) && (publicMetaPaths.includes(route.path) || route.method === 'GET'),
    );
  return readOnly
    ? { table: 'read', idempotency: false, putEvents: false }
    : { table: 'read-write', idempotency: true, putEvents: true };
}

export interface LambdasProps {
  definitions: readonly FunctionDefinition[];
  data: Data;
  version: string;
}

export class Lambdas extends Construct {
  readonly byName = new Map<string, NodejsFunction>();

  constructor(scope: Construct, id: string, props: LambdasProps) {
    super(scope, id);
    const { data } = props;

    for (const definition of props.definitions) {
      const logGroup = new LogGroup(this, `${definition.name}Logs`, {
        retention: logRetention,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      // A role of its own instead of AWSLambdaBasicExecutionRole: it may write to its log group only.
      const role = new Role(this, `${definition.name}Role`, {
        assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        description: `Yichuang ${definition.name}: its log group and the data it needs, nothing else.`,
      });
      logGroup.grantWrite(role);

      const access = accessFor(definition);
      role.addToPrincipalPolicy(data.readStatement());
      if (access.table === 'read-write') role.addToPrincipalPolicy(data.writeStatement());
      if (access.idempotency) role.addToPrincipalPolicy(data.idempotencyStatement());
      if (access.putEvents) data.bus.grantPutEventsTo(role);

      const fn = new NodejsFunction(this, definition.name, {
        entry: definition.entry,
        handler: 'handler',
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: 512,
        timeout: Duration.seconds(definition.timeoutSeconds),
        role,
        logGroup,
        loggingFormat: LoggingFormat.JSON,
        description: `Yichuang ${definition.kind} function ${definition.name}`,
        projectRoot,
        depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
        environment: {
          [envNames.tableName]: data.table.tableName,
          [envNames.eventBusName]: data.bus.eventBusName,
          [envNames.idempotencyTableName]: data.idempotencyTable.tableName,
          [envNames.version]: props.version,
          POWERTOOLS_SERVICE_NAME: serviceName,
          POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
          POWERTOOLS_LOG_LEVEL: 'INFO',
        },
        bundling: {
          format: OutputFormat.ESM,
          target: bundling.target,
          minify: bundling.minify,
          sourceMap: bundling.sourcemap,
          mainFields: [...bundling.mainFields],
          externalModules: [...bundling.external],
          banner: bundling.banner,
        },
      });
      this.byName.set(definition.name, fn);
    }
  }

  get(name: string): NodejsFunction {
    const fn = this.byName.get(name);
    if (!fn) throw new Error(`No Lambda function named ${name}`);
    return fn;
  }
}
