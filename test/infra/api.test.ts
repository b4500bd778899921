/**
 * The HTTP API and staff identity as synthesized, compared with the route table and the roles.
 */
import { rmSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../functions/domain/roles.ts';
import { isPublic, type RouteDefinition, routeKey, routes } from '../../functions/http/routes.ts';
import { Api, isThrottledPublicRoute, publicRouteThrottle, stageThrottle } from '../../infra/cloud/api.ts';
import { functionForHandler } from '../../infra/functions.ts';
import {
  defined,
  logicalIdOf,
  resource,
  resourcesOfType,
  type Synthesized,
  scratchDir,
  synthesize,
} from './synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth?.dispose());

type Properties = Record<string, unknown>;
const routeResources = () =>
  resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Route').map(
    ([, route]) => route.Properties as Properties,
  );
const routeFor = (route: RouteDefinition) => {
  const found = routeResources().find((candidate) => candidate.RouteKey === routeKey(route));
  if (!found) throw new Error(`No synthesized route ${routeKey(route)}`);
  return found;
};

describe('the routes', () => {
  it('are exactly the route table: the set of route keys is equal', () => {
    const synthesized = routeResources().map((route) => route.RouteKey as string);
    expect(new Set(synthesized)).toEqual(new Set(routes.map(routeKey)));
    expect(synthesized).toHaveLength(routes.length);
  });

  it.each(routes.filter((route) => !isPublic(route)).map((route) => [routeKey(route), route] as const))(
    '%s (staff) carries the JWT authorizer',
    (_, route) => {
      const synthesized = routeFor(route);
      expect(synthesized.AuthorizationType).toBe('JWT');
      expect(synthesized.AuthorizerId).toEqual({ Ref: synth.id(synth.stack.api.authorizerResource) });
    },
  );

  it.each(routes.filter(isPublic).map((route) => [routeKey(route), route] as const))(
    '%s (public) carries no authorizer',
    (_, route) => {
      const synthesized = routeFor(route);
      expect(synthesized.AuthorizationType ?? 'NONE').toBe('NONE');
      expect(synthesized.AuthorizerId).toBeUndefined();
    },
  );

  it.each(routes.map((route) => [routeKey(route), route] as const))(
    '%s integrates the Lambda function of its handler module',
    (_, route) => {
      const target = routeFor(route).Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integration = resource(synth.template, target['Fn::Join'][1][1].Ref).Properties as Properties;
      const fn = synth.stack.lambdas.get(functionForHandler(route.handler).name);
      expect(integration.IntegrationType).toBe('AWS_PROXY');
      expect(integration.PayloadFormatVersion).toBe('2.0');
      expect(integration.IntegrationUri).toEqual({ 'Fn::GetAtt': [synth.id(fn), 'Arn'] });
    },
  );
});

describe('the JWT authorizer', () => {
  it("trusts the staff pool's issuer and the desk client, reading the bearer token", () => {
    const authorizer = resource(synth.template, synth.id(synth.stack.api.authorizerResource))
      .Properties as Properties;
    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    const jwt = authorizer.JwtConfiguration as { Audience: unknown[]; Issuer: unknown };
    expect(jwt.Audience).toEqual([{ Ref: synth.id(synth.stack.api.client) }]);
    expect(jwt.Issuer).toEqual({ 'Fn::GetAtt': [synth.id(synth.stack.api.userPool), 'ProviderURL'] });
  });
});

describe('the staff user pool', () => {
  const pool = () => resource(synth.template, synth.id(synth.stack.api.userPool));

  it('has one group per role', () => {
    const groups = resourcesOfType(synth.template, 'AWS::Cognito::UserPoolGroup').map(
      ([, group]) => (group.Properties as Properties).GroupName,
    );
    expect(new Set(groups)).toEqual(new Set(roles));
    expect(groups).toHaveLength(roles.length);
  });

  it('admits no self sign-up, requires TOTP MFA and a strong password, and is retained', () => {
    const properties = pool().Properties as Properties;
    expect(properties.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(properties.MfaConfiguration).toBe('ON');
    expect(properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect((properties.Policies as { PasswordPolicy: Properties }).PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(properties.UserPoolTier).toBe('PLUS');
    expect(properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(properties.DeletionProtection).toBe('ACTIVE');
    expect(pool().DeletionPolicy).toBe('Retain');
  });

  it('has a public desk client: no secret, no password auth, the OAuth code flow only (desk-auth.test.ts)', () => {
    const client = resource(synth.template, synth.id(synth.stack.api.client)).Properties as Properties;
    expect(client.GenerateSecret).toBe(false);
    expect(client.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_SRP_AUTH']));
    expect(client.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
  });
});

describe('the stage', () => {
  const stage = () => resource(synth.template, synth.id(synth.stack.api.stage));

  it('is the auto-deployed $default stage with access logs and default throttling', () => {
    const properties = stage().Properties as Properties;
    expect(properties.StageName).toBe('$default');
    expect(properties.AutoDeploy).toBe(true);
    expect(properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: stageThrottle.rateLimit,
      ThrottlingBurstLimit: stageThrottle.burstLimit,
    });
    const logs = properties.AccessLogSettings as {
      DestinationArn: { 'Fn::GetAtt': [string, string] };
      Format: string;
    };
    expect(resource(synth.template, logs.DestinationArn['Fn::GetAtt'][0]).Type).toBe('AWS::Logs::LogGroup');
    const fields = JSON.parse(logs.Format) as Record<string, string>;
    expect(fields.routeKey).toBe('$context.routeKey');
    expect(fields.status).toBe('$context.status');
    // The template, never the concrete path or query: no ID numbers or phones in the access log.
    expect(Object.values(fields)).not.toContain('$context.path');
  });

  it('throttles each /api/public/ route of the table more strictly than the stage', () => {
    const settings = ((stage().Properties as Properties).RouteSettings ?? {}) as Record<string, unknown>;
    const expected = Object.fromEntries(
      routes.filter(isThrottledPublicRoute).map((route) => [
        routeKey(route),
        {
          ThrottlingRateLimit: publicRouteThrottle.rateLimit,
          ThrottlingBurstLimit: publicRouteThrottle.burstLimit,
        },
      ]),
    );
    expect(settings).toEqual(expected);
  });
});

describe('the Api construct with public routes (no bundling: stand-in functions)', () => {
  const table: RouteDefinition[] = [
    ...routes,
    {
      id: 'listServices',
      method: 'GET',
      path: '/api/public/services',
      handler: 'public-services',
      access: 'public',
      summary: 'test',
      tag: 'test',
      responses: {},
    },
    {
      id: 'getProgress',
      method: 'GET',
      path: '/api/public/cases/{caseNo}',
      handler: 'public-services',
      access: 'public',
      summary: 'test',
      tag: 'test',
      responses: {},
    },
  ];
  const outdir = scratchDir();
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const stack = new Stack(new App({ outdir }), 'ApiOnly');
  const functions = new Map<string, LambdaFunction>();
  const api = new Api(stack, 'Api', {
    routes: table,
    functionFor: (handler) => {
      let fn = functions.get(handler);
      if (!fn) {
        fn = new LambdaFunction(stack, `Fn-${handler}`, {
          runtime: Runtime.NODEJS_24_X,
          handler: 'index.handler',
          code: Code.fromInline('export const handler = async () => ({ statusCode: 204 });'),
        });
        functions.set(handler, fn);
      }
      return fn;
    },
  });
  api.allowDeskOrigin('https://desk.example');
  const template = Template.fromStack(stack);
  const stage = template.toJSON().Resources[logicalIdOf(api.stage)] as {
    Properties: Properties;
    DependsOn?: string[];
  };

  it('sets a route-level throttle for exactly the /api/public/ routes', () => {
    const throttled = {
      ThrottlingRateLimit: publicRouteThrottle.rateLimit,
      ThrottlingBurstLimit: publicRouteThrottle.burstLimit,
    };
    expect(stage.Properties.RouteSettings).toEqual({
      ...Object.fromEntries(
        routes.filter(isThrottledPublicRoute).map((route) => [routeKey(route), throttled]),
      ),
      'GET /api/public/services': {
        ThrottlingRateLimit: publicRouteThrottle.rateLimit,
        ThrottlingBurstLimit: publicRouteThrottle.burstLimit,
      },
      'GET /api/public/cases/{caseNo}': {
        ThrottlingRateLimit: publicRouteThrottle.rateLimit,
        ThrottlingBurstLimit: publicRouteThrottle.burstLimit,
      },
    });
    expect(publicRouteThrottle.rateLimit).toBeLessThan(stageThrottle.rateLimit);
  });

  it('creates the stage after the routes its settings name', () => {
    for (const key of ['GET /api/public/services', 'GET /api/public/cases/{caseNo}']) {
      const route = api.routes.get(key);
      expect(route).toBeDefined();
      expect(stage.DependsOn).toContain(logicalIdOf(defined(route, key)));
    }
  });
});
