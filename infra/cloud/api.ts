/**
 * Staff identity and the HTTP API. Each role of functions/domain/roles.ts is a Cognito group (the
 * handlers read `cognito:groups`); each entry of the route table becomes one route whose
 * integration is the Lambda function of its handler module. Every route that is not public carries
 * the JWT authorizer; public routes carry none, and the ones under `/api/public/` get a stricter
 * throttle than the stage default.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { roleLabels, roles } from '../../functions/domain/roles.ts';
import { isPublic, publicMetaPaths, type RouteDefinition, routeKey } from '../../functions/http/routes.ts';
import { logRetention } from './lambdas.ts';

/** Requests per second (steady) and burst, for the whole stage and for each `/api/public/` route. */
export const stageThrottle = { rateLimit: 200, burstLimit: 400 } as const;
export const publicRouteThrottle = { rateLimit: 20, burstLimit: 40 } as const;
export const publicPrefix = '/api/public/';

const authorizerId = 'StaffJwt';

export function isThrottledPublicRoute(route: RouteDefinition): boolean {
  return isPublic(route) && route.path.startsWith(publicPrefix);
}

/**
 * Why a public route carries no authorizer. The route table's convention is enforced here: a public
 * route is a meta route (`publicMetaPaths`) or lives under `/api/public/`, where throttling and the
 * WAF rate limit can tell it apart.
 */
export function publicRouteReason(route: RouteDefinition): string {
  const key = routeKey(route);
  const protections = 'stage throttling and, where the web ACL is attached, the WAF rate limit';
  if (publicMetaPaths.includes(route.path)) {
    return `${key} is a public meta route of the route table (publicMetaPaths): it reads no case or personal data, so it needs no token; ${protections} apply.`;
  }
  if (route.path.startsWith(publicPrefix)) {
    return `${key} is a citizen-facing route (access 'public', under ${publicPrefix}): citizens have no staff account; it returns nothing beyond what the caller proves to know, with a stricter per-route throttle plus ${protections}.`;
  }
  throw new Error(`${key} is public but neither a meta path nor under ${publicPrefix}: fix the route table`);
}

/**
 * Access-log fields. The route key is the template (`GET /api/cases/{caseNo}`), never the concrete
 * path or the query string, so ID numbers and phone numbers cannot reach the log.
 */
const accessLogFields = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  responseLength: '$context.responseLength',
} as const;

export interface ApiProps {
  routes: readonly RouteDefinition[];
  /** The function that serves each handler module of the route table. */
  functionFor: (handler: string) => IFunction;
}

export class Api extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly routes = new Map<string, HttpRoute>();

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'Staff', {
      userPoolName: `${Stack.of(this).stackName}-staff`,
      // Staff accounts are created by an administrator, never by sign-up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Every staff member can read personal data: a second factor is not optional. TOTP only; SMS
      // would need an SNS role and international SMS to mainland numbers.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of roles) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: roleLabels[role] });
    }
    this.client = this.userPool.addClient('Desk', {
      userPoolClientName: 'desk',
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    const authorizer = new HttpJwtAuthorizer(authorizerId, this.userPool.userPoolProviderUrl, {
      authorizerName: 'staff-jwt',
      identitySource: ['$request.header.Authorization'],
      // Cognito access tokens carry the app client in `client_id`, which the authorizer accepts as audience.
      jwtAudience: [this.client.userPoolClientId],
    });

    this.httpApi = new HttpApi(this, 'Http', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Yichuang HTTP API, generated from functions/http/routes.ts',
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = this.httpApi.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...stageThrottle },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });

    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (handler: string): HttpLambdaIntegration => {
      let integration = integrations.get(handler);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${handler}-integration`, props.functionFor(handler));
        integrations.set(handler, integration);
      }
      return integration;
    };

    const cfnStage = this.stage.node.defaultChild as CfnStage;
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of props.routes) {
      const httpRoute = new HttpRoute(this, `Route-${route.id}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationFor(route.handler),
        ...(isPublic(route) ? {} : { authorizer }),
      });
      this.routes.set(routeKey(route), httpRoute);
      if (isPublic(route)) {
        Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: publicRouteReason(route) });
      }
      if (isThrottledPublicRoute(route)) {
        routeSettings[routeKey(route)] = {
          ThrottlingRateLimit: publicRouteThrottle.rateLimit,
          ThrottlingBurstLimit: publicRouteThrottle.burstLimit,
        };
        // Route settings name routes by key: the routes must exist before the stage refers to them.
        cfnStage.node.addDependency(httpRoute);
      }
    }
    if (Object.keys(routeSettings).length > 0) cfnStage.routeSettings = routeSettings;
  }

  /** The API Gateway authorizer resource, created when the first staff route binds the JWT authorizer. */
  get authorizerResource(): IConstruct {
    return this.httpApi.node.findChild(authorizerId);
  }

  /** `abc123.execute-api.<region>.amazonaws.com`: the CloudFront origin for `/api/*`. */
  get domainName(): string {
    const stack = Stack.of(this);
    return `${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }
}
