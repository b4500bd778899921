/**
 * Staff identity and the HTTP API. Each role of functions/domain/roles.ts is a Cognito group (the
 * handlers read `cognito:groups`); each entry of the route table becomes one route whose
 * integration is the Lambda function of its handler module. Every route that is not public carries
 * the JWT authorizer; public routes carry none, and the ones under `/api/public/` get a stricter
 * throttle than the stage default.
 *
 * Staff sign in on Cognito's managed login (authorization code + PKCE, TOTP required) from the
 * desk, whose settings are `deskAuthConfig()` (served as /desk/config.json), and call the API with
 * the ID token.
 */
import { Duration, Lazy, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
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
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { roleLabels, roles } from '../../functions/domain/roles.ts';
import { isPublic, publicMetaPaths, type RouteDefinition, routeKey } from '../../functions/http/routes.ts';
import {
  type CognitoDeskAuthConfig,
  deskHomePath,
  deskRedirectPath,
  deskScopes,
  deskSignedOutPath,
} from '../desk-auth-config.ts';
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

/**
 * Custom attributes of a staff member, read by the handlers from the ID token as
 * `custom:department` (catalogue department id) and `custom:window` (window code), as the local
 * identity issuer (infra/local/identity.ts) signs them. Administrators set them; staff cannot.
 */
export const staffCustomAttributes = ['department', 'window'] as const;

/** A Cognito domain prefix: lower-case letters, digits and hyphens, 1–63, no leading/trailing hyphen. */
export const domainPrefixPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The default prefix of the managed-login domain (`<prefix>.auth.<region>.amazoncognito.com`):
 * the stack name and the account, lower-case, unique across AWS as Cognito requires. Without a
 * concrete account the account id is filled in by CloudFormation.
 */
export function defaultAuthDomainPrefix(stack: Stack): string {
  return `${stack.stackName.toLowerCase()}-${stack.account}`;
}

export interface ApiProps {
  routes: readonly RouteDefinition[];
  /** The function that serves each handler module of the route table. */
  functionFor: (handler: string) => IFunction;
  /** Prefix of the managed-login domain; defaults to `defaultAuthDomainPrefix`. */
  authDomainPrefix?: string | undefined;
}

export class Api extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** Cognito managed login, where the desk sends staff to sign in (authorization code + PKCE). */
  readonly domain: UserPoolDomain;
  #deskOrigin: string | undefined;
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
      standardAttributes: { fullname: { required: false, mutable: true } },
      customAttributes: {
        department: new StringAttribute({ mutable: true, minLen: 1, maxLen: 32 }),
        window: new StringAttribute({ mutable: true, minLen: 1, maxLen: 32 }),
      },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of roles) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: roleLabels[role] });
    }
    // The desk signs in with the authorization code flow and PKCE on Cognito's managed login: a
    // public client (no secret), code grant only, the callback and sign-out pages of the desk on the
    // site's own origin (set by `allowDeskOrigin` once the distribution exists). Staff may change
    // their name, never their department or window: those are granted by an administrator.
    this.client = this.userPool.addClient('Desk', {
      userPoolClientName: 'desk',
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: deskScopes.map((scope) => OAuthScope.custom(scope)),
        callbackUrls: [Lazy.string({ produce: () => `${this.deskOrigin}${deskRedirectPath}` })],
        logoutUrls: [deskSignedOutPath, deskHomePath].map((page) =>
          Lazy.string({ produce: () => `${this.deskOrigin}${page}` }),
        ),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ fullname: true, email: true, emailVerified: true })
        .withCustomAttributes(...staffCustomAttributes),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    const prefix = props.authDomainPrefix ?? defaultAuthDomainPrefix(Stack.of(this));
    if (!Token.isUnresolved(prefix) && !domainPrefixPattern.test(prefix)) {
      throw new Error(
        `authDomainPrefix "${prefix}": lower-case letters, digits and hyphens only, 1–63 characters.`,
      );
    }
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: prefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login shows a client's pages only once the client has a branding style: Cognito's own.
    const branding = new CfnManagedLoginBranding(this, 'DeskBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);

    // The desk calls the API with the ID token: it carries `cognito:groups`, `name` and the custom
    // attributes the handlers read, and its `aud` is the app client id, which is what the
    // authorizer's audience checks (Cognito access tokens carry the client in `client_id`, which the
    // authorizer accepts too). No route requires OAuth scopes, which ID tokens do not carry.
    const authorizer = new HttpJwtAuthorizer(authorizerId, this.userPool.userPoolProviderUrl, {
      authorizerName: 'staff-jwt',
      identitySource: ['$request.header.Authorization'],
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
  /**
   * The site origin (`https://<distribution or custom domain>`) the desk runs on: its callback and
   * sign-out URLs. Set once the distribution exists; passed lazily, so the client and the
   * distribution need no construct-order tricks (the distribution only references the API).
   */
  allowDeskOrigin(origin: string): void {
    if (this.#deskOrigin !== undefined) throw new Error('The desk origin is already set.');
    this.#deskOrigin = origin;
  }

  get deskOrigin(): string {
    if (this.#deskOrigin === undefined) {
      throw new Error('Api.allowDeskOrigin() was not called: the desk client has no callback URL.');
    }
    return this.#deskOrigin;
  }

  /** The desk's sign-in settings, deployed as /desk/config.json (see infra/desk-auth-config.ts). */
  deskAuthConfig(): CognitoDeskAuthConfig {
    const base = this.domain.baseUrl();
    return {
      mode: 'cognito',
      issuer: this.userPool.userPoolProviderUrl,
      authorizeUrl: `${base}/oauth2/authorize`,
      tokenUrl: `${base}/oauth2/token`,
      logoutUrl: `${base}/logout`,
      clientId: this.client.userPoolClientId,
      redirectPath: deskRedirectPath,
      logoutRedirectPath: deskSignedOutPath,
      scopes: [...deskScopes],
    };
  }

  get authorizerResource(): IConstruct {
    return this.httpApi.node.findChild(authorizerId);
  }

  /** `abc123.execute-api.<region>.amazonaws.com`: the CloudFront origin for `/api/*`. */
  get domainName(): string {
    const stack = Stack.of(this);
    return `${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }
}
