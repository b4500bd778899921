/**
 * The edge: CloudFront in front of the site bucket and the API, the security headers, the token
 * check at the edge, the WAF and the outputs.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AllowedMethods, CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemContentType, unauthorizedProblem } from '../../functions/http/problems.ts';
import { matchRoute } from '../../functions/http/route-match.ts';
import { isPublic, type RouteDefinition, routeKey, routes } from '../../functions/http/routes.ts';
import { publicPrefix } from '../../infra/cloud/api.ts';
import { Site } from '../../infra/cloud/site.ts';
import { securityHeaders } from '../../infra/security-headers.ts';
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
interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  CachePolicyId: string;
  OriginRequestPolicyId?: string;
  ResponseHeadersPolicyId: { Ref: string };
  AllowedMethods?: string[];
  ViewerProtocolPolicy: string;
  FunctionAssociations?: { EventType: string; FunctionARN: { 'Fn::GetAtt': [string, string] } }[];
}
interface DistributionConfig {
  DefaultRootObject: string;
  DefaultCacheBehavior: Behavior;
  CacheBehaviors: Behavior[];
  Origins: {
    Id: string;
    DomainName: unknown;
    OriginAccessControlId?: unknown;
    CustomOriginConfig?: Properties;
  }[];
  CustomErrorResponses?: unknown;
  WebACLId?: unknown;
  Logging?: { Bucket: unknown };
}

const config = () =>
  (
    resource(synth.template, synth.id(synth.stack.site.distribution)).Properties as {
      DistributionConfig: DistributionConfig;
    }
  ).DistributionConfig;
const apiBehavior = () => {
  const behavior = config().CacheBehaviors.find((candidate) => candidate.PathPattern === '/api/*');
  if (!behavior) throw new Error('No /api/* behaviour');
  return behavior;
};
const functionCode = (logicalId: string) =>
  (resource(synth.template, logicalId).Properties as { FunctionCode: string }).FunctionCode;
type EdgeHandler = (event: unknown) => Record<string, unknown>;
const load = (code: string): EdgeHandler => new Function(`${code}\nreturn handler;`)() as EdgeHandler;

describe('the distribution', () => {
  it('serves the site from S3 through origin access control, index.html at the root', () => {
    const distribution = config();
    expect(distribution.DefaultRootObject).toBe('index.html');
    const origin = distribution.Origins.find(
      (candidate) => candidate.Id === distribution.DefaultCacheBehavior.TargetOriginId,
    );
    expect(origin?.OriginAccessControlId).toBeDefined();
    expect(JSON.stringify(origin?.DomainName)).toContain(synth.id(synth.stack.site.bucket));
    expect(distribution.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('routes /api/* to the HTTP API origin, uncached, with every method and every header but Host', () => {
    const behavior = apiBehavior();
    const origin = config().Origins.find((candidate) => candidate.Id === behavior.TargetOriginId);
    expect(JSON.stringify(origin?.DomainName)).toContain(synth.id(synth.stack.api.httpApi));
    expect(JSON.stringify(origin?.DomainName)).toContain('.execute-api.');
    expect(origin?.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(behavior.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(behavior.OriginRequestPolicyId).toBe(
      OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
    );
    expect(new Set(behavior.AllowedMethods)).toEqual(new Set(AllowedMethods.ALLOW_ALL.methods));
    expect(behavior.ViewerProtocolPolicy).toBe('https-only');
  });

  it('attaches the security headers policy to the site and to the API', () => {
    const policy = { Ref: synth.id(synth.stack.site.headers) };
    expect(config().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual(policy);
    expect(apiBehavior().ResponseHeadersPolicyId).toEqual(policy);
  });

  it('maps no error status distribution-wide, so the API keeps its own problem documents', () => {
    // CloudFront cannot map 401 at all, and a 403/404 mapping would rewrite the API's answers too.
    expect(config().CustomErrorResponses).toBeUndefined();
  });

  it('logs to the log bucket and sits behind the WAF web ACL (in us-east-1)', () => {
    expect(JSON.stringify(config().Logging?.Bucket)).toContain(synth.id(synth.stack.site.logBucket));
    const webAcl = defined(synth.stack.firewall.webAcl, 'the web ACL');
    const condition = logicalIdOf(defined(webAcl.cfnOptions.condition, 'the web ACL condition'));
    expect(config().WebACLId).toEqual({
      'Fn::If': [condition, { 'Fn::GetAtt': [logicalIdOf(webAcl), 'Arn'] }, { Ref: 'AWS::NoValue' }],
    });
    expect(synth.template.toJSON().Conditions[condition]).toEqual({
      'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'],
    });
  });
});

describe('the security headers policy', () => {
  it('sends exactly the shared headers of infra/security-headers.ts', () => {
    const policy = (
      resource(synth.template, synth.id(synth.stack.site.headers)).Properties as {
        ResponseHeadersPolicyConfig: {
          SecurityHeadersConfig: Record<string, Record<string, unknown>>;
          CustomHeadersConfig?: { Items: { Header: string; Value: string }[] };
        };
      }
    ).ResponseHeadersPolicyConfig;
    const security = policy.SecurityHeadersConfig;
    const rendered: Record<string, string> = {};
    if (security.ContentSecurityPolicy)
      rendered['content-security-policy'] = String(security.ContentSecurityPolicy.ContentSecurityPolicy);
    if (security.StrictTransportSecurity) {
      const sts = security.StrictTransportSecurity;
      rendered['strict-transport-security'] = [
        `max-age=${sts.AccessControlMaxAgeSec}`,
        ...(sts.IncludeSubdomains ? ['includeSubDomains'] : []),
        ...(sts.Preload ? ['preload'] : []),
      ].join('; ');
    }
    if (security.ContentTypeOptions) rendered['x-content-type-options'] = 'nosniff';
    if (security.FrameOptions) rendered['x-frame-options'] = String(security.FrameOptions.FrameOption);
    if (security.ReferrerPolicy) rendered['referrer-policy'] = String(security.ReferrerPolicy.ReferrerPolicy);
    for (const item of policy.CustomHeadersConfig?.Items ?? [])
      rendered[item.Header.toLowerCase()] = item.Value;

    const shared = Object.fromEntries(
      Object.entries(securityHeaders).map(([name, value]) => [name.toLowerCase(), value]),
    );
    expect(rendered).toEqual(shared);
    for (const slot of Object.values(security)) expect(slot.Override).toBe(true);
  });
});

describe('the token check at the edge', () => {
  const edgeAuth = () => {
    const association = apiBehavior().FunctionAssociations?.find(
      (candidate) => candidate.EventType === 'viewer-request',
    );
    expect(association?.FunctionARN['Fn::GetAtt'][0]).toBe(synth.id(synth.stack.site.edgeAuth));
    return load(functionCode(synth.id(synth.stack.site.edgeAuth)));
  };
  const samplePath = (route: RouteDefinition) =>
    route.path.replace(/\{\w+\+\}/g, 'a/b').replace(/\{\w+\}/g, 'sample-1');
  const request = (method: string, uri: string, authorization?: string) => ({
    request: {
      method,
      uri,
      querystring: {},
      headers: authorization ? { authorization: { value: authorization } } : {},
    },
  });

  it.each(routes.filter((route) => !isPublic(route)).map((route) => [routeKey(route), route] as const))(
    '%s without a token: 401 with the problem document, as the local runtime answers',
    (_, route) => {
      const response = edgeAuth()(request(route.method === 'ANY' ? 'GET' : route.method, samplePath(route)));
      expect(response.statusCode).toBe(401);
      const headers = response.headers as Record<string, { value: string }>;
      expect(headers['content-type']?.value).toBe(problemContentType);
      const body = response.body as { encoding: string; data: string };
      expect(body.encoding).toBe('base64');
      expect(JSON.parse(Buffer.from(body.data, 'base64').toString('utf8'))).toEqual(unauthorizedProblem);
    },
  );

  it.each(routes.filter((route) => !isPublic(route)).map((route) => [routeKey(route), route] as const))(
    '%s with a bearer token: passed on to the authorizer',
    (_, route) => {
      const event = request(
        route.method === 'ANY' ? 'GET' : route.method,
        samplePath(route),
        'Bearer eyJ.x.y',
      );
      expect(edgeAuth()(event)).toBe(event.request);
    },
  );

  it.each(routes.filter(isPublic).map((route) => [routeKey(route), route] as const))(
    '%s (public) without a token: passed on',
    (_, route) => {
      const event = request(route.method === 'ANY' ? 'DELETE' : route.method, samplePath(route));
      expect(edgeAuth()(event)).toBe(event.request);
    },
  );

  it('chooses routes as API Gateway and the local runtime do (route-match.ts)', () => {
    const handler = edgeAuth();
    const paths = [
      ...routes.map(samplePath),
      '/api',
      '/api/',
      '/api/unknown',
      '/api/me/extra',
      `${publicPrefix}anything`,
      '/api/supervision/sweeps/1',
    ];
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const uri of paths) {
        const match = matchRoute(routes, method, uri);
        const expected = match !== undefined && !isPublic(match.route);
        const answered = handler(request(method, uri)).statusCode === 401;
        expect(answered, `${method} ${uri}`).toBe(expected);
      }
    }
  });
});

describe('the directory index rewrite on the site', () => {
  it('maps Astro directory URLs to their index.html and leaves files alone', () => {
    const association = config().DefaultCacheBehavior.FunctionAssociations?.find(
      (candidate) => candidate.EventType === 'viewer-request',
    );
    const handler = load(
      functionCode(defined(association, 'the site function').FunctionARN['Fn::GetAtt'][0]),
    );
    const uri = (value: string) => (handler({ request: { uri: value, headers: {} } }) as { uri: string }).uri;
    expect(uri('/')).toBe('/index.html');
    expect(uri('/guide/')).toBe('/guide/index.html');
    expect(uri('/guide')).toBe('/guide/index.html');
    expect(uri('/_astro/Base.css')).toBe('/_astro/Base.css');
    expect(uri('/favicon.svg')).toBe('/favicon.svg');
  });
});

describe('the buckets', () => {
  it.each([
    ['site', () => synth.stack.site.bucket],
    ['log', () => synth.stack.site.logBucket],
  ] as const)('the %s bucket is private, encrypted, TLS-only and retained', (_, bucket) => {
    const synthesized = resource(synth.template, synth.id(bucket()));
    expect(synthesized.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(JSON.stringify(synthesized.Properties.BucketEncryption)).toContain('AES256');
    expect(synthesized.DeletionPolicy).toBe('Retain');
    const policy = resourcesOfType(synth.template, 'AWS::S3::BucketPolicy').find(
      ([, candidate]) =>
        JSON.stringify(candidate.Properties.Bucket) === JSON.stringify({ Ref: synth.id(bucket()) }),
    );
    expect(
      (defined(policy, 'the bucket policy')[1].Properties.PolicyDocument as { Statement: unknown[] })
        .Statement,
    ).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('the site bucket logs its access to the log bucket', () => {
    const site = resource(synth.template, synth.id(synth.stack.site.bucket)).Properties as Properties;
    expect(site.LoggingConfiguration).toMatchObject({
      DestinationBucketName: { Ref: synth.id(synth.stack.site.logBucket) },
    });
  });
});

describe('the WAF web ACL', () => {
  it('is CloudFront-scoped, uses AWS managed rules and rate-limits the public API', () => {
    const acl = resource(synth.template, logicalIdOf(defined(synth.stack.firewall.webAcl, 'the web ACL')));
    const properties = acl.Properties as { Scope: string; Rules: Properties[] };
    expect(properties.Scope).toBe('CLOUDFRONT');
    expect(acl.Condition).toBeDefined();
    expect(JSON.stringify(properties.Rules)).toContain('AWSManagedRulesCommonRuleSet');
    const rateRule = properties.Rules.find((rule) => rule.Name === 'PublicApiRateLimit');
    expect(JSON.stringify(rateRule)).toContain(`"SearchString":"${publicPrefix}"`);
    expect(rateRule?.Action).toEqual({ Block: {} });
  });
});

describe('the outputs', () => {
  it('name the site, the API, the user pool, its client and the table', () => {
    const outputs = synth.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(JSON.stringify(outputs.SiteUrl?.Value)).toContain(synth.id(synth.stack.site.distribution));
    expect(JSON.stringify(outputs.ApiUrl?.Value)).toContain(synth.id(synth.stack.api.httpApi));
    expect(outputs.UserPoolId?.Value).toEqual({ Ref: synth.id(synth.stack.api.userPool) });
    expect(outputs.UserPoolClientId?.Value).toEqual({ Ref: synth.id(synth.stack.api.client) });
    expect(outputs.TableName?.Value).toEqual({ Ref: synth.id(synth.stack.data.table) });
  });
});

describe('a fresh clone, before the site is built', () => {
  it('still synthesizes, deploying a placeholder page', () => {
    const missing = path.join(synth.assemblyDir, 'no-such-site-dist');
    expect(existsSync(missing)).toBe(false);
    const outdir = scratchDir();
    const stack = new Stack(new App({ outdir }), 'SiteOnly');
    const site = new Site(stack, 'Site', {
      distDir: missing,
      apiDomainName: 'example.execute-api.ap-east-1.amazonaws.com',
      webAclId: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/example/1',
      routes,
    });
    try {
      expect(site.builtSite).toBe(false);
      Template.fromStack(stack).resourceCountIs('Custom::CDKBucketDeployment', 1);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
