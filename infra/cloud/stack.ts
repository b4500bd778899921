/**
 * YichuangStack: the cloud half of Yichuang, assembled from the shared data of the repository
 * (table definition, route table, roles, sweep cadence, function list) so that the cloud, the local
 * runtime and the tests cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, type AppProps, CfnOutput, type Environment, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { centreConfig } from '../../functions/config/centre.ts';
import { type AdapterName, adapterNames } from '../../functions/domain/messages/settings.ts';
import { routes as allRoutes, type RouteDefinition } from '../../functions/http/routes.ts';
import { messagesSchedule, sweepSchedule } from '../../functions/jobs/schedule.ts';
import { idempotencyTable, table as tableDefinition } from '../../functions/store/table.ts';
import {
  type FunctionDefinition,
  figuresJobFunction,
  functionDefinitions,
  functionForHandler,
  messagesFunction,
  projectRoot,
  sweepFunction,
} from '../functions.ts';
import { Api, publicPrefix } from './api.ts';
import { Attachments } from './attachments.ts';
import { Data } from './data.ts';
import { Figures } from './figures.ts';
import { Firewall } from './firewall.ts';
import { Lambdas, packageVersion } from './lambdas.ts';
import { Messages } from './messages.ts';
import { OriginSecret } from './origin-secret.ts';
import { PersonalDataKeys } from './personal-data.ts';
import { Site } from './site.ts';
import { Supervision } from './supervision.ts';

export interface YichuangStackProps extends StackProps {
  /** Defaults to site/dist; a placeholder page is deployed when it has not been built. */
  siteDistDir?: string;
  /** An existing CLOUDFRONT-scoped WAF web ACL ARN (us-east-1); see firewall.ts. */
  webAclArn?: string | undefined;
  /** The centre's host name and its us-east-1 ACM certificate; see site.ts. */
  customDomain?: { domainName: string; certificateArn: string } | undefined;
  /**
   * Prefix of the Cognito managed-login domain (`<prefix>.auth.<region>.amazoncognito.com`),
   * unique across AWS; defaults to `<stack name>-<account>` (api.ts: defaultAuthDomainPrefix).
   */
  authDomainPrefix?: string | undefined;
  /** The version of the origin secret CloudFront sends (`-c originSecretVersion=…`); see origin-secret.ts. */
  originSecretVersion?: string | undefined;
  /** The SMS adapter the messages job uses (`-c messagesAdapter=…`): outbox (default), aws or aliyun. */
  messagesAdapter?: AdapterName | undefined;
  /** Name of the domain event bus. */
  eventBusName?: string;
  /** The route table; tests may pass a subset, the app always passes the real one. */
  routes?: readonly RouteDefinition[];
}

export class YichuangStack extends Stack {
  readonly data: Data;
  readonly personalData: PersonalDataKeys;
  readonly originSecret: OriginSecret;
  readonly lambdas: Lambdas;
  readonly api: Api;
  readonly supervision: Supervision;
  readonly messages: Messages;
  readonly firewall: Firewall;
  readonly site: Site;
  readonly attachments: Attachments;
  readonly figures: Figures;
  readonly functionDefinitions: readonly FunctionDefinition[];

  constructor(scope: Construct, id: string, props: YichuangStackProps = {}) {
    super(scope, id, {
      description: '一窗 Yichuang: serverless system for government service centres',
      ...props,
    });
    const routes = props.routes ?? allRoutes;

    this.data = new Data(this, 'Data', {
      definition: tableDefinition,
      idempotencyDefinition: idempotencyTable,
      eventBusName: props.eventBusName ?? 'yichuang',
    });

    this.personalData = new PersonalDataKeys(this, 'PersonalData');
    this.originSecret = new OriginSecret(this, 'OriginSecret', { sentVersionId: props.originSecretVersion });
    this.messages = new Messages(this, 'Messages', { adapter: props.messagesAdapter ?? 'outbox' });

    const definitions = functionDefinitions();
    this.functionDefinitions = definitions;
    this.lambdas = new Lambdas(this, 'Functions', {
      definitions,
      data: this.data,
      personalData: this.personalData,
      originSecret: this.originSecret,
      messages: this.messages,
      version: packageVersion(),
    });
    this.api = new Api(this, 'Api', {
      routes,
      functionFor: (handler) => this.lambdas.get(functionForHandler(handler).name),
      authDomainPrefix: props.authDomainPrefix,
    });

    this.supervision = new Supervision(this, 'Supervision', {
      sweep: this.lambdas.get(sweepFunction.name),
      cadence: sweepSchedule,
    });
    this.messages.scheduleJob(this.lambdas.get(messagesFunction.name), messagesSchedule);

    this.firewall = new Firewall(this, 'Firewall', { webAclArn: props.webAclArn, publicPrefix });

    this.site = new Site(this, 'Site', {
      distDir: props.siteDistDir ?? path.join(projectRoot, 'site', 'dist'),
      apiDomainName: this.api.domainName,
      apiOriginHeaders: this.originSecret.originHeaders(),
      webAclId: this.firewall.webAclId,
      customDomain: props.customDomain,
      deskAuthConfig: this.api.deskAuthConfig(),
      connectSources: [Attachments.uploadOrigin(this.region)],
    });
    // The site's origin: the centre's host name, else the distribution's.
    const siteOrigin = `https://${props.customDomain?.domainName ?? this.site.distribution.distributionDomainName}`;
    // The desk's callback and sign-out URLs.
    this.api.allowDeskOrigin(siteOrigin);
    this.figures = new Figures(this, 'Figures', {
      job: this.lambdas.get(figuresJobFunction.name),
      cadence: sweepSchedule,
      centre: centreConfig.code,
      logBucket: this.site.logBucket,
    });
    this.attachments = new Attachments(this, 'Attachments', {
      lambdas: this.lambdas,
      siteOrigin,
      logBucket: this.site.logBucket,
    });

    new CfnOutput(this, 'SiteUrl', {
      description: 'The site and the API (under /api)',
      value: `https://${this.site.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'ApiUrl', {
      description: 'The HTTP API endpoint: refuses every request that did not come through the site URL',
      value: this.api.httpApi.apiEndpoint,
    });
    new CfnOutput(this, 'UserPoolId', { value: this.api.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.api.client.userPoolClientId });
    new CfnOutput(this, 'StaffSignInUrl', {
      description: 'Cognito managed login of the staff pool (the desk redirects here)',
      value: this.api.domain.baseUrl(),
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'MessagesSecretArn', {
      description: `The SMS provider credentials (adapter: ${this.messages.adapter}); README, The front counter`,
      value: this.messages.secret.secretArn,
    });
    new CfnOutput(this, 'LedgerBucketName', {
      description: 'The case ledger archive (Athena: database yichuang_ledger, table cases)',
      value: this.figures.ledgerBucket.bucketName,
    });
    new CfnOutput(this, 'FiguresJobName', {
      description: 'The figures job: aws lambda invoke with {"action":"recount","period":"2026-11"}',
      value: this.lambdas.get(figuresJobFunction.name).functionName,
    });
    new CfnOutput(this, 'OriginSecretArn', {
      description: 'The secret CloudFront sends to the API (rotation: README, Deploying to AWS)',
      value: this.originSecret.secret.secretArn,
    });
  }
}

/** The context of cdk.json (feature flags), so an App built in a test behaves like `cdk synth`. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface BuildAppOptions {
  appProps?: AppProps;
  stackId?: string;
  stackProps?: YichuangStackProps;
}

/**
 * The region when neither `-c region=…` nor the CLI's profile (CDK_DEFAULT_REGION) names one:
 * Singapore, a region open to every account with every service the stack uses, close to the
 * centre's citizens. Hong Kong (ap-east-1) is closer but must be enabled for the account first.
 */
export const defaultRegion = 'ap-southeast-1';

/**
 * The stack's environment. The region must be concrete, because the Lambda@Edge functions
 * (edge-functions.ts) live in a us-east-1 stack that hands their versioned ARNs to this one:
 * `-c region=…`, else the region of the CLI's profile (CDK_DEFAULT_REGION), else `defaultRegion`.
 * The account stays open unless the CLI knows it (CDK_DEFAULT_ACCOUNT).
 */
export function stackEnvironment(app: App, env: Environment = {}): Environment {
  const region = env.region ?? contextString(app, 'region') ?? nonEmpty(process.env.CDK_DEFAULT_REGION);
  const account = env.account ?? nonEmpty(process.env.CDK_DEFAULT_ACCOUNT);
  return { region: region ?? defaultRegion, ...(account ? { account } : {}) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.length > 0 ? value : undefined;
}

function contextString(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' ? nonEmpty(value) : undefined;
}

/**
 * The stack with the deployment choices a centre passes as context: `-c region=…` (above),
 * `-c webAclArn=…` (WAF, firewall.ts), `-c domainName=… -c certificateArn=…` (site.ts),
 * `-c authDomainPrefix=…` (staff sign-in domain, api.ts), `-c originSecretVersion=…` (the origin
 * secret's version CloudFront sends, origin-secret.ts), `-c messagesAdapter=…` (the SMS adapter,
 * messages.ts).
 */
export function createStack(app: App, id = 'Yichuang', props: YichuangStackProps = {}): YichuangStack {
  const context = (key: string): string | undefined => contextString(app, key);
  const domainName = context('domainName');
  const certificateArn = context('certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error('Pass both -c domainName=… and -c certificateArn=…, or neither.');
  }
  return new YichuangStack(app, id, {
    webAclArn: context('webAclArn'),
    authDomainPrefix: context('authDomainPrefix'),
    originSecretVersion: context('originSecretVersion'),
    messagesAdapter: messagesAdapterContext(context('messagesAdapter')),
    ...(domainName && certificateArn ? { customDomain: { domainName, certificateArn } } : {}),
    ...props,
    env: stackEnvironment(app, props.env),
  });
}

function messagesAdapterContext(value: string | undefined): AdapterName | undefined {
  if (value === undefined) return undefined;
  if (!adapterNames.includes(value as AdapterName)) {
    throw new Error(`-c messagesAdapter must be one of ${adapterNames.join(', ')}, got "${value}".`);
  }
  return value as AdapterName;
}

/**
 * The App and its stack (plus, outside us-east-1, the stack of its Lambda@Edge functions:
 * `stack.site.edgeStack`). `cdk synth` runs this through app.ts; tests call it directly.
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: YichuangStack } {
  const app = new App({
    ...options.appProps,
    context: { ...cdkJsonContext(), ...options.appProps?.context },
  });
  const stack = createStack(app, options.stackId, options.stackProps);
  return { app, stack };
}
