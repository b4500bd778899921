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
import { personalDataEnv } from '../../functions/store/personal-data/cipher.ts';
import {
  afterBundlingCommands,
  bundleOptions,
  bundling,
  type FunctionDefinition,
  httpFunctionEntry,
  messagesFunction,
  projectRoot,
  sweepFunction,
} from '../functions.ts';
import type { Data } from './data.ts';
import type { Messages } from './messages.ts';
import type { OriginSecret } from './origin-secret.ts';
import type { PersonalDataKeys } from './personal-data.ts';

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
  /** Seals/opens personal data and hashes query codes: the KMS keys of personal-data.ts. */
  personalData: boolean;
  /** Reads the client's address from the CloudFront-Viewer-Address header. */
  clientAddressHeader: boolean;
  /** Sends SMS: reads the provider secret and, with the AWS adapter, may send (the messages job only). */
  messaging: boolean;
}

/**
 * Handler modules that construct the personal-data cipher (`personalDataCipher()` of
 * functions/store/personal-data/cipher.ts). test/infra/personal-data.test.ts checks this list
 * against the handlers' sources, so a new caller cannot go without its keys.
 */
export const personalDataHandlers: readonly string[] = [
  'cases/create',
  'bundles/intake',
  'bundles/rating-link',
  'cases/applicant',
  'cases/public-progress',
  'complaints/public',
  'complaints/register',
  'complaints/read',
  'ratings/link',
  'ratings/public',
  'counter/tickets',
  'counter/appointments',
];

/**
 * Jobs that open personal data: the messages job opens the phone a message goes to (its own, the
 * case applicant's or the ticket visitor's). Checked like the handlers above.
 */
export const personalDataJobs: readonly string[] = [messagesFunction.name];

/** Handler modules that use Powertools idempotency (`makeIdempotent`), checked the same way. */
export const idempotentHandlers: readonly string[] = ['cases/create', 'bundles/intake'];

/**
 * The variable `clientAddress()` of functions/http/public-lookup.ts reads
 * (`process.env.CLIENT_ADDRESS_HEADER`; not in functions/config/env.ts, hence the literal), and
 * the header it names, lower-case as API Gateway hands headers over: CloudFront's
 * `CloudFront-Viewer-Address`, which the `/api/*` origin request policy forwards (site.ts:
 * apiOriginRequestPolicy). Trustworthy only while the API is reached through CloudFront.
 */
export const clientAddressHeaderEnv = 'CLIENT_ADDRESS_HEADER';
export const clientAddressHeader = 'cloudfront-viewer-address';
export const clientAddressHandlers: readonly string[] = [
  'cases/public-progress',
  'complaints/public',
  'ratings/public',
  'counter/tickets',
  'counter/appointments',
];

/** The handler (`cases/create`) of an http function; undefined for jobs. */
export function handlerModuleOf(definition: FunctionDefinition): string | undefined {
  if (definition.kind !== 'http') return undefined;
  const area = path.basename(path.dirname(path.dirname(definition.entry)));
  return `${area}/${path.basename(definition.entry, '.ts')}`;
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
 * and the sweep read and write and publish domain events (state transitions and escalations are
 * announced on the bus). By module: only the ones that use Powertools idempotency get the
 * idempotency table, only the ones that construct the personal-data cipher get its KMS keys.
 */
export function accessFor(
  definition: FunctionDefinition,
  routes: readonly RouteDefinition[] = allRoutes,
): FunctionAccess {
  const module = handlerModuleOf(definition);
  const uses = (list: readonly string[]) => module !== undefined && list.includes(module);
  const personal = {
    idempotency: uses(idempotentHandlers),
    personalData: uses(personalDataHandlers) || personalDataJobs.includes(definition.name),
    clientAddressHeader: uses(clientAddressHandlers),
    messaging: definition.name === messagesFunction.name,
  };
  // The sweep announces escalations on the bus; the figures job announces nothing.
  if (definition.kind === 'job') {
    return { table: 'read-write', putEvents: definition.name === sweepFunction.name, ...personal };
  }
  const served = routesOf(definition, routes);
  const readOnly =
    served.length > 0 &&
    served.every(
      (route) => isPublic(route) && (publicMetaPaths.includes(route.path) || route.method === 'GET'),
    );
  return readOnly
    ? { table: 'read', putEvents: false, ...personal }
    : { table: 'read-write', putEvents: true, ...personal };
}

export interface LambdasProps {
  definitions: readonly FunctionDefinition[];
  data: Data;
  personalData: PersonalDataKeys;
  /** Every HTTP function reads it: requests without CloudFront's header are refused. */
  originSecret: OriginSecret;
  /** The SMS provider: its secret and grants go to the messages job only. */
  messages: Messages;
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
      if (access.personalData) {
        role.addToPrincipalPolicy(props.personalData.sealStatement());
        role.addToPrincipalPolicy(props.personalData.macStatement());
      }
      const http = definition.kind === 'http';
      if (http) role.addToPrincipalPolicy(props.originSecret.readStatement());
      if (access.messaging)
        for (const statement of props.messages.statements(role)) role.addToPrincipalPolicy(statement);

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
          ...(access.personalData
            ? {
                [personalDataEnv.kmsKeyId]: props.personalData.encryptionKey.keyArn,
                [personalDataEnv.hmacKeyId]: props.personalData.hmacKey.keyArn,
              }
            : {}),
          ...(access.clientAddressHeader ? { [clientAddressHeaderEnv]: clientAddressHeader } : {}),
          ...(http ? { [envNames.originSecretArn]: props.originSecret.secret.secretArn } : {}),
          ...(access.messaging ? props.messages.environment() : {}),
        },
        bundling: {
          format: OutputFormat.ESM,
          target: bundling.target,
          minify: bundling.minify,
          sourceMap: bundling.sourcemap,
          mainFields: [...bundling.mainFields],
          externalModules: bundleOptions(definition).external,
          banner: bundling.banner,
          // A function's lazy modules (exceljs for the ledger's .xlsx): shipped beside its bundle.
          ...(definition.lazyModules.length > 0 || Object.keys(definition.builtFiles).length > 0
            ? {
                commandHooks: {
                  beforeBundling: () => [],
                  beforeInstall: () => [],
                  afterBundling: (_inputDir: string, outputDir: string) =>
                    afterBundlingCommands(definition, outputDir),
                },
              }
            : {}),
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
