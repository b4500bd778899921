/**
 * Staff sign-in in the cloud: the pool's staff attributes, Cognito managed login (domain and
 * branding), the desk's public OAuth client (authorization code + PKCE, no secret, the desk's
 * callback on the site's origin), the ID token the API accepts, /desk/config.json as deployed with
 * the site, and the CSP that lets the desk reach the token endpoint.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/http/routes.ts';
import { Api, staffCustomAttributes } from '../../infra/cloud/api.ts';
import { Attachments } from '../../infra/cloud/attachments.ts';
import { createStack } from '../../infra/cloud/stack.ts';
import {
  type CognitoDeskAuthConfig,
  deskAuthConfigKey,
  deskScopes,
  parseDeskAuthConfig,
} from '../../infra/desk-auth-config.ts';
import { contentSecurityPolicy, contentSecurityPolicyWith } from '../../infra/security-headers.ts';
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
const pool = () => resource(synth.template, synth.id(synth.stack.api.userPool)).Properties;
const client = () => resource(synth.template, synth.id(synth.stack.api.client)).Properties;
const distributionDomain = () => ({
  'Fn::GetAtt': [synth.id(synth.stack.site.distribution), 'DomainName'],
});

describe('the staff user pool', () => {
  it('has the custom attributes department and window (string, mutable) and the standard name', () => {
    const schema = pool().Schema as {
      Name: string;
      AttributeDataType?: string;
      Mutable?: boolean;
      Required?: boolean;
    }[];
    for (const name of staffCustomAttributes) {
      expect(schema.find((attribute) => attribute.Name === name)).toMatchObject({
        AttributeDataType: 'String',
        Mutable: true,
      });
    }
    expect(schema.find((attribute) => attribute.Name === 'name')).toMatchObject({
      Mutable: true,
      Required: false,
    });
  });
});

describe('the desk client', () => {
  it('is public (no secret) and allows the authorization code grant only, with openid, profile, email', () => {
    const properties = client();
    expect(properties.GenerateSecret).toBe(false);
    expect(properties.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(properties.AllowedOAuthFlows).toEqual(['code']);
    expect(new Set(properties.AllowedOAuthScopes as string[])).toEqual(new Set(deskScopes));
    expect(properties.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(properties.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    expect(properties.ExplicitAuthFlows).not.toContain('ALLOW_ADMIN_USER_PASSWORD_AUTH');
  });

  it("calls back to /desk/callback/ and signs out to /desk/signed-out/ or /desk/ on the distribution's domain", () => {
    const properties = client();
    expect(properties.CallbackURLs).toEqual([
      { 'Fn::Join': ['', ['https://', distributionDomain(), '/desk/callback/']] },
    ]);
    expect(properties.LogoutURLs).toEqual([
      { 'Fn::Join': ['', ['https://', distributionDomain(), '/desk/signed-out/']] },
      { 'Fn::Join': ['', ['https://', distributionDomain(), '/desk/']] },
    ]);
  });

  it('lets staff write their name but never their department or window; the ID token carries them', () => {
    const properties = client();
    const write = properties.WriteAttributes as string[];
    expect(write).toBeDefined();
    expect(write).toContain('name');
    expect(write.filter((attribute) => attribute.startsWith('custom:'))).toEqual([]);
    expect(properties.ReadAttributes).toEqual(
      expect.arrayContaining(['name', 'email', 'custom:department', 'custom:window']),
    );
  });

  it("is the JWT authorizer's audience, so the ID token (aud = client id) is accepted; no route needs scopes", () => {
    const authorizer = resource(synth.template, synth.id(synth.stack.api.authorizerResource)).Properties;
    const jwt = authorizer.JwtConfiguration as { Audience: unknown[] };
    expect(jwt.Audience).toEqual([{ Ref: synth.id(synth.stack.api.client) }]);
    // An ID token has no `scope` claim: a route that required scopes would refuse it.
    for (const [, route] of resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Route')) {
      expect(route.Properties.AuthorizationScopes).toBeUndefined();
    }
  });
});

describe('managed login', () => {
  it('has a domain named <stack name>-<account> by default, with the newer managed login', () => {
    const domains = resourcesOfType(synth.template, 'AWS::Cognito::UserPoolDomain');
    expect(domains).toHaveLength(1);
    const properties = defined(domains[0], 'the domain')[1].Properties;
    expect(properties.UserPoolId).toEqual({ Ref: synth.id(synth.stack.api.userPool) });
    expect(properties.Domain).toEqual({ 'Fn::Join': ['', ['yichuang-', { Ref: 'AWS::AccountId' }]] });
    expect(properties.ManagedLoginVersion).toBe(2);
    expect(properties.CustomDomainConfig).toBeUndefined();
  });

  it("shows Cognito's own branding for the desk client", () => {
    const brandings = resourcesOfType(synth.template, 'AWS::Cognito::ManagedLoginBranding');
    expect(brandings.map(([, branding]) => branding.Properties)).toEqual([
      {
        UserPoolId: { Ref: synth.id(synth.stack.api.userPool) },
        ClientId: { Ref: synth.id(synth.stack.api.client) },
        UseCognitoProvidedValues: true,
      },
    ]);
  });
});

/** A template value as one string: literals as they are, references as their JSON. */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(flatten).join(join[0]);
  return JSON.stringify(value);
}

describe('/desk/config.json', () => {
  const deployment = () => {
    const found = resourcesOfType(synth.template, 'Custom::CDKBucketDeployment');
    expect(found).toHaveLength(1);
    return defined(found[0], 'the site deployment')[1].Properties;
  };

  it('is deployed by the site deployment itself, after the site, so its prune can never delete it', () => {
    const properties = deployment();
    expect(properties.Prune ?? true).toBe(true);
    expect(properties.SourceObjectKeys as unknown[]).toHaveLength(2);
  });

  it('holds the Cognito issuer, endpoints, public client and scopes, in the shared shape', () => {
    const properties = deployment();
    const keys = properties.SourceObjectKeys as string[];
    const markers = ((properties.SourceMarkers as Record<string, unknown>[])[1] ?? {}) as Record<
      string,
      unknown
    >;
    const hash = defined(keys[1], 'the config source').replace(/\.zip$/, '');
    const file = path.join(synth.assemblyDir, `asset.${hash}`, ...deskAuthConfigKey.split('/'));
    // Deploy-time values are markers in the file, which the deployment replaces from SourceMarkers.
    let text = readFileSync(file, 'utf8');
    for (const [marker, value] of Object.entries(markers)) {
      text = text.split(marker).join(JSON.stringify(flatten(value)).slice(1, -1));
    }
    const deployed = JSON.parse(text) as Record<string, unknown>;
    parseDeskAuthConfig(deployed);

    const pool = synth.id(synth.stack.api.userPool);
    const domain = JSON.stringify({ Ref: synth.id(synth.stack.api.domain) });
    const base = `https://${domain}.auth.ap-southeast-1.amazoncognito.com`;
    expect(deployed).toEqual({
      mode: 'cognito',
      issuer: JSON.stringify({ 'Fn::GetAtt': [pool, 'ProviderURL'] }),
      authorizeUrl: `${base}/oauth2/authorize`,
      tokenUrl: `${base}/oauth2/token`,
      logoutUrl: `${base}/logout`,
      clientId: JSON.stringify({ Ref: synth.id(synth.stack.api.client) }),
      redirectPath: '/desk/callback/',
      logoutRedirectPath: '/desk/signed-out/',
      scopes: ['openid', 'profile', 'email'],
    } satisfies CognitoDeskAuthConfig);
  });
});

describe('the content security policy', () => {
  it("lets the desk reach Cognito's token endpoint, and nothing else beyond its own origin (and, for the complaint form's uploads, the attachment bucket)", () => {
    expect(contentSecurityPolicy).toContain("connect-src 'self' https://*.amazoncognito.com;");
    expect(contentSecurityPolicy).toContain("form-action 'self'");
    const policy = resource(synth.template, synth.id(synth.stack.site.headers)).Properties
      .ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } };
    };
    expect(policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toBe(
      contentSecurityPolicyWith([Attachments.uploadOrigin(synth.stack.region)]),
    );
  });
});

describe('deployment choices (no bundling)', () => {
  const outdir = scratchDir();
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const noBundling = { 'aws:cdk:bundling-stacks': [] };

  it('takes the managed-login prefix from -c authDomainPrefix and the callback from -c domainName', () => {
    const app = new App({
      outdir,
      context: {
        ...noBundling,
        authDomainPrefix: 'centre-login',
        domainName: 'yichuang.example.cn',
        certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/example',
      },
    });
    const stack = createStack(app, 'Choices', { env: { region: 'us-east-1', account: '111122223333' } });
    const template = Template.fromStack(stack);
    const [domain] = resourcesOfType(template, 'AWS::Cognito::UserPoolDomain');
    expect(defined(domain, 'the domain')[1].Properties.Domain).toBe('centre-login');
    const deskClient = resource(template, logicalIdOf(stack.api.client)).Properties as Properties;
    expect(deskClient.CallbackURLs).toEqual(['https://yichuang.example.cn/desk/callback/']);
    expect(deskClient.LogoutURLs).toEqual([
      'https://yichuang.example.cn/desk/signed-out/',
      'https://yichuang.example.cn/desk/',
    ]);
    const config = stack.resolve(stack.api.deskAuthConfig()) as Record<string, unknown>;
    const base = `https://${JSON.stringify({ Ref: logicalIdOf(stack.api.domain) })}.auth.us-east-1.amazoncognito.com`;
    expect(flatten(config.authorizeUrl)).toBe(`${base}/oauth2/authorize`);
    expect(flatten(config.tokenUrl)).toBe(`${base}/oauth2/token`);
  });

  it('defaults the prefix to the stack name and a concrete account, lower-case', () => {
    const stack = new Stack(new App({ outdir }), 'Centre', {
      env: { region: 'us-east-1', account: '111122223333' },
    });
    const api = apiIn(stack, undefined);
    const [domain] = resourcesOfType(Template.fromStack(stack), 'AWS::Cognito::UserPoolDomain');
    expect(defined(domain, 'the domain')[1].Properties.Domain).toBe('centre-111122223333');
    expect(api.deskOrigin).toBe('https://desk.example');
  });

  it('refuses a prefix Cognito would refuse', () => {
    const stack = new Stack(new App({ outdir }), 'Bad');
    expect(() => apiIn(stack, 'Upper_Case')).toThrow(/authDomainPrefix/);
  });

  it('refuses to synthesize a desk client without its origin', () => {
    const app = new App({ outdir });
    const stack = new Stack(app, 'NoOrigin');
    new Api(stack, 'Api', { routes, functionFor: standIn(stack) });
    expect(() => Template.fromStack(stack)).toThrow(/allowDeskOrigin/);
  });
});

function standIn(stack: Stack): (handler: string) => LambdaFunction {
  const functions = new Map<string, LambdaFunction>();
  return (handler) => {
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
  };
}

function apiIn(stack: Stack, authDomainPrefix: string | undefined): Api {
  const api = new Api(stack, 'Api', { routes, functionFor: standIn(stack), authDomainPrefix });
  api.allowDeskOrigin('https://desk.example');
  return api;
}
