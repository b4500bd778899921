/**
 * The edge: CloudFront in front of the site bucket and the API, the security headers, the
 * Lambda@Edge origin-response functions (their associations, and their bundled code run on sample
 * events), the WAF and the outputs.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  AllowedMethods,
  CachePolicy,
  type experimental,
  OriginRequestPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import type { CloudFrontResponseEvent, CloudFrontResultResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  scorecardCacheControl,
  unpublishedCacheControl,
} from '../../functions/http/appraisal/handlers/scorecard.ts';
import { hallCacheControl } from '../../functions/http/counter/handlers/hall.ts';
import { gatewayProblem, problemContentType, unauthorizedProblem } from '../../functions/http/problems.ts';
import { routes } from '../../functions/http/routes.ts';
import { publicPrefix } from '../../infra/cloud/api.ts';
import { Attachments } from '../../infra/cloud/attachments.ts';
import { edgeBundleFile, edgeRuntime } from '../../infra/cloud/edge-functions.ts';
import { fallbackNotFoundPage, hallPath, notFoundPage, Site, scorecardPath } from '../../infra/cloud/site.ts';
import { projectRoot } from '../../infra/functions.ts';
import { contentSecurityPolicyWith, securityHeaders } from '../../infra/security-headers.ts';
import {
  assetDirOf,
  defined,
  describeViolations,
  logicalIdOf,
  readReport,
  reportInsteadOfThrow,
  resource,
  resourcesOfType,
  type Synthesized,
  scratchDir,
  synthesize,
  withNag,
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

describe('the public scorecard at the edge', () => {
  const behaviors = () => config().CacheBehaviors;
  const scorecard = () => behaviors().find((candidate) => candidate.PathPattern === scorecardPath);

  it('is a public GET route of the route table that says how long it may be kept', () => {
    expect(routes.find((candidate) => candidate.path === scorecardPath)).toMatchObject({
      method: 'GET',
      access: 'public',
    });
    expect([scorecardCacheControl, unpublishedCacheControl]).toEqual([
      'public, max-age=3600',
      'public, max-age=60',
    ]);
  });

  it('has a behaviour of its own before /api/*, GET and HEAD only, keyed by the month alone', () => {
    const index = behaviors().findIndex((candidate) => candidate.PathPattern === scorecardPath);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(behaviors().findIndex((candidate) => candidate.PathPattern === '/api/*'));
    const behavior = defined(scorecard(), 'the scorecard behaviour');
    expect(behavior.AllowedMethods?.sort()).toEqual(['GET', 'HEAD']);
    expect(behavior.TargetOriginId).toBe(apiBehavior().TargetOriginId);
    const policyId = (behavior.CachePolicyId as unknown as { Ref: string }).Ref;
    const policy = resource(synth.template, policyId).Properties as {
      CachePolicyConfig: {
        MinTTL: number;
        DefaultTTL: number;
        MaxTTL: number;
        ParametersInCacheKeyAndForwardedToOrigin: {
          QueryStringsConfig: { QueryStringBehavior: string; QueryStrings: string[] };
          HeadersConfig: { HeaderBehavior: string };
          CookiesConfig: { CookieBehavior: string };
        };
      };
    };
    const settings = policy.CachePolicyConfig;
    // The origin's max-age decides, up to the published month's hour.
    expect([settings.MinTTL, settings.DefaultTTL, settings.MaxTTL]).toEqual([0, 60, 3600]);
    const key = settings.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.QueryStringsConfig).toEqual({ QueryStringBehavior: 'whitelist', QueryStrings: ['period'] });
    expect(key.HeadersConfig.HeaderBehavior).toBe('none');
    expect(key.CookiesConfig.CookieBehavior).toBe('none');
  });
});

describe('the hall display at the edge', () => {
  const hallBehavior = () => {
    const behaviors = config().CacheBehaviors;
    const index = behaviors.findIndex((candidate) => candidate.PathPattern === hallPath);
    return { behavior: behaviors[index], index, api: behaviors.findIndex((b) => b.PathPattern === '/api/*') };
  };

  it('is a public GET route of the route table that says max-age=1', () => {
    const route = routes.find((candidate) => candidate.path === hallPath);
    expect(route).toMatchObject({ method: 'GET', access: 'public' });
    expect(hallCacheControl).toContain('max-age=1');
  });

  it('has a behaviour of its own, before /api/* (the first match wins), GET and HEAD only, to the API origin', () => {
    const { behavior, index, api } = hallBehavior();
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(api);
    expect(behavior?.AllowedMethods?.sort()).toEqual(['GET', 'HEAD']);
    expect(behavior?.TargetOriginId).toBe(apiBehavior().TargetOriginId);
    expect(behavior?.ViewerProtocolPolicy).toBe('https-only');
    expect(behavior?.OriginRequestPolicyId).toBeUndefined();
  });

  it('caches for the origin’s second, with nothing of the viewer in the key', () => {
    const { behavior } = hallBehavior();
    const policyId = (defined(behavior, 'the hall behaviour').CachePolicyId as unknown as { Ref: string })
      .Ref;
    const policy = resource(synth.template, policyId).Properties as {
      CachePolicyConfig: {
        MinTTL: number;
        DefaultTTL: number;
        MaxTTL: number;
        ParametersInCacheKeyAndForwardedToOrigin: {
          QueryStringsConfig: { QueryStringBehavior: string };
          HeadersConfig: { HeaderBehavior: string };
          CookiesConfig: { CookieBehavior: string };
        };
      };
    };
    const config = policy.CachePolicyConfig;
    expect([config.MinTTL, config.DefaultTTL, config.MaxTTL]).toEqual([0, 1, 2]);
    const key = config.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.QueryStringsConfig.QueryStringBehavior).toBe('none');
    expect(key.HeadersConfig.HeaderBehavior).toBe('none');
    expect(key.CookiesConfig.CookieBehavior).toBe('none');
  });

  it('keeps the API’s cache disabled everywhere else', () => {
    expect(config().CacheBehaviors.map((behavior) => behavior.PathPattern)).toEqual([
      hallPath,
      scorecardPath,
      '/api/*',
    ]);
    expect(apiBehavior().CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
  });
});

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
  it('sends exactly the shared headers of infra/security-headers.ts (the CSP also lets pages post to the attachment bucket)', () => {
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
      Object.entries({
        ...securityHeaders,
        'content-security-policy': contentSecurityPolicyWith([Attachments.uploadOrigin(synth.stack.region)]),
      }).map(([name, value]) => [name.toLowerCase(), value]),
    );
    expect(rendered).toEqual(shared);
    expect(rendered['content-security-policy']).toContain(
      "connect-src 'self' https://*.amazoncognito.com https://*.s3.",
    );
    for (const slot of Object.values(security)) expect(slot.Override).toBe(true);
  });
});

describe('the Lambda@Edge associations', () => {
  interface Association {
    EventType: string;
    LambdaFunctionARN: { 'Fn::GetAtt': [string, string] };
    IncludeBody?: boolean;
  }
  const associations = (behavior: Behavior) =>
    (behavior as Behavior & { LambdaFunctionAssociations?: Association[] }).LambdaFunctionAssociations ?? [];

  /**
   * The Lambda function an association runs, following its ARN link by link: the main stack's
   * cross-region reader reads an SSM parameter of the edge stack, which holds the Ref of a
   * published version (its versioned ARN), which belongs to the function.
   */
  const functionBehind = (association: Association) => {
    const [readerId, attribute] = association.LambdaFunctionARN['Fn::GetAtt'];
    expect(attribute).toBe('FunctionArn');
    const reader = resource(synth.template, readerId);
    expect(reader.Type).toBe('Custom::CrossRegionStringParameterReader');
    expect(reader.Properties.Region).toBe('us-east-1');
    const parameter = resourcesOfType(synth.edgeTemplate, 'AWS::SSM::Parameter').find(
      ([, candidate]) => candidate.Properties.Name === reader.Properties.ParameterName,
    );
    const value = defined(parameter, `the parameter ${String(reader.Properties.ParameterName)}`)[1].Properties
      .Value as { Ref: string };
    const version = resource(synth.edgeTemplate, value.Ref);
    expect(version.Type).toBe('AWS::Lambda::Version');
    // A new version makes the reader read the parameter again, so CloudFront gets the new ARN.
    expect(reader.Properties.RefreshToken).toBe(value.Ref);
    return (version.Properties.FunctionName as { Ref: string }).Ref;
  };

  it('runs the API responses function on /api/* origin responses, by its published version', () => {
    const behavior = apiBehavior();
    expect(associations(behavior)).toHaveLength(1);
    const [association] = associations(behavior);
    expect(association?.EventType).toBe('origin-response');
    expect(association?.IncludeBody).toBeUndefined();
    expect(functionBehind(defined(association, 'the /api/* association'))).toBe(
      logicalIdOf(synth.stack.site.apiResponses.lambda),
    );
    // No route logic at the edge any more: nothing runs on the viewer request of /api/*.
    expect(behavior.FunctionAssociations).toBeUndefined();
  });

  it('runs the site 404 function on the site origin responses, by its published version', () => {
    const behavior = config().DefaultCacheBehavior;
    expect(associations(behavior)).toHaveLength(1);
    const [association] = associations(behavior);
    expect(association?.EventType).toBe('origin-response');
    expect(functionBehind(defined(association, 'the site association'))).toBe(
      logicalIdOf(synth.stack.site.siteNotFound.lambda),
    );
    expect(logicalIdOf(synth.stack.site.siteNotFound.lambda)).not.toBe(
      logicalIdOf(synth.stack.site.apiResponses.lambda),
    );
  });

  it('keeps the functions in us-east-1, within the Lambda@Edge limits', () => {
    expect(synth.edgeStack.region).toBe('us-east-1');
    expect(synth.stack.region).not.toBe('us-east-1');
    for (const fn of [synth.stack.site.apiResponses, synth.stack.site.siteNotFound]) {
      const properties = resource(synth.edgeTemplate, logicalIdOf(fn.lambda)).Properties;
      expect(properties.Runtime).toBe(edgeRuntime.name);
      expect(properties.Architectures).toEqual(['x86_64']);
      expect(properties.Handler).toBe('index.handler');
      expect(properties.MemorySize).toBe(128);
      expect(properties.Timeout).toBeLessThanOrEqual(5);
      expect(properties.Environment).toBeUndefined();
      expect(properties.VpcConfig).toBeUndefined();
      const role = resource(
        synth.edgeTemplate,
        (properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0],
      );
      expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('edgelambda.amazonaws.com');
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

type OriginResponseHandler = (event: CloudFrontResponseEvent) => Promise<CloudFrontResultResponse>;

/** The handler of the bundle synth produced for an edge function, loaded from the cloud assembly. */
async function bundledHandler(fn: experimental.EdgeFunction): Promise<OriginResponseHandler> {
  const dir = assetDirOf(synth.assemblyDir, synth.edgeTemplate, logicalIdOf(fn.lambda));
  const module = (await import(pathToFileURL(path.join(dir, edgeBundleFile)).href)) as {
    handler: OriginResponseHandler;
  };
  return module.handler;
}

function originResponse(
  status: number,
  headers: Record<string, string>,
  uri = '/api/me',
  statusDescription = '',
): CloudFrontResponseEvent {
  return {
    Records: [
      {
        cf: {
          config: {
            distributionDomainName: 'd111111abcdef8.cloudfront.net',
            distributionId: 'EDFDVBD6EXAMPLE',
            eventType: 'origin-response',
            requestId: '4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==',
          },
          request: { clientIp: '203.0.113.178', headers: {}, method: 'GET', querystring: '', uri },
          response: {
            status: String(status),
            statusDescription,
            headers: Object.fromEntries(
              Object.entries(headers).map(([name, value]) => [name.toLowerCase(), [{ key: name, value }]]),
            ),
          },
        },
      },
    ],
  };
}

const header = (response: CloudFrontResultResponse, name: string) => response.headers?.[name]?.[0]?.value;

describe('the API responses function, as bundled by synth', () => {
  let handler: OriginResponseHandler;
  beforeAll(async () => {
    handler = await bundledHandler(synth.stack.site.apiResponses);
  });

  it("turns the JWT authorizer's bare 401 into the problem document the local gateway sends", async () => {
    const event = originResponse(
      401,
      {
        'Content-Type': 'application/json',
        'Content-Length': '26',
        'WWW-Authenticate': 'Bearer',
        'apigw-requestid': 'abc=',
      },
      '/api/me',
      'Unauthorized',
    );
    const response = await handler(event);
    expect(response.status).toBe('401');
    expect(response.statusDescription).toBe('Unauthorized');
    expect(header(response, 'content-type')).toBe(problemContentType);
    expect(header(response, 'cache-control')).toBe('no-store');
    expect(response.bodyEncoding).toBe('text');
    expect(JSON.parse(defined(response.body, 'the body'))).toEqual(gatewayProblem(401));
    expect(JSON.parse(defined(response.body, 'the body'))).toEqual(unauthorizedProblem);
    // The origin's other headers pass on.
    expect(header(response, 'www-authenticate')).toBe('Bearer');
    expect(header(response, 'apigw-requestid')).toBe('abc=');
  });

  it.each([400, 403, 404, 405, 413, 429, 500, 502, 503, 504])(
    'turns a bare %i from API Gateway into its gatewayProblem',
    async (status) => {
      const response = await handler(originResponse(status, { 'Content-Type': 'application/json' }));
      expect(response.status).toBe(String(status));
      expect(header(response, 'content-type')).toBe(problemContentType);
      expect(header(response, 'cache-control')).toBe('no-store');
      expect(JSON.parse(defined(response.body, 'the body'))).toEqual(gatewayProblem(status));
    },
  );

  it('drops the Content-Encoding of the body it replaces, and keeps the read-only headers as they came', async () => {
    const response = await handler(
      originResponse(429, {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Transfer-Encoding': 'chunked',
        Via: '1.1 example.cloudfront.net (CloudFront)',
      }),
    );
    expect(response.headers?.['content-encoding']).toBeUndefined();
    expect(header(response, 'transfer-encoding')).toBe('chunked');
    expect(header(response, 'via')).toBe('1.1 example.cloudfront.net (CloudFront)');
    expect(JSON.parse(defined(response.body, 'the body'))).toEqual(gatewayProblem(429));
  });

  it.each([
    ['a 403 problem document of a function', 403, problemContentType],
    ['a 404 problem document with parameters', 404, `${problemContentType}; charset=utf-8`],
    ['a 409 problem document in other case', 409, 'Application/Problem+JSON'],
  ])('passes %s untouched', async (_, status, contentType) => {
    const event = originResponse(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    const original = structuredClone(event.Records[0]?.cf.response);
    const response = await handler(event);
    expect(response).toEqual(original);
    expect(response.body).toBeUndefined();
  });

  it.each([
    [200, 'application/json'],
    [201, 'application/json'],
    [204, ''],
    [304, ''],
  ])('passes a %i untouched', async (status, contentType) => {
    const event = originResponse(status, contentType ? { 'Content-Type': contentType } : {});
    const original = structuredClone(event.Records[0]?.cf.response);
    const response = await handler(event);
    expect(response).toEqual(original);
    expect(response.body).toBeUndefined();
  });
});

describe('the site 404 function, as bundled by synth', () => {
  let handler: OriginResponseHandler;
  beforeAll(async () => {
    handler = await bundledHandler(synth.stack.site.siteNotFound);
  });
  const builtPage = path.join(projectRoot, 'site', 'dist', '404.html');
  const expectedPage = () => (existsSync(builtPage) ? readFileSync(builtPage, 'utf8') : fallbackNotFoundPage);

  it('embeds the built 404.html (or, before a build, the fallback page)', () => {
    expect(notFoundPage(path.join(projectRoot, 'site', 'dist'))).toBe(expectedPage());
  });

  it.each([
    ['404 (a missing key, were LIST granted)', 404],
    ['403 (a missing key, read-only access)', 403],
  ])("turns S3's %s into 404 with the site's 404 page", async (_, status) => {
    const response = await handler(
      originResponse(
        status,
        { 'Content-Type': 'application/xml', Server: 'AmazonS3' },
        '/no/such/page/index.html',
      ),
    );
    expect(response.status).toBe('404');
    expect(response.statusDescription).toBe('Not Found');
    expect(header(response, 'content-type')).toBe('text/html; charset=utf-8');
    expect(response.bodyEncoding).toBe('text');
    expect(response.body).toBe(expectedPage());
    const maxAge = Number(/max-age=(\d+)/.exec(header(response, 'cache-control') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(300);
  });

  it.each([200, 206, 304, 400, 500, 503])('passes an S3 %i untouched', async (status) => {
    const event = originResponse(status, { 'Content-Type': 'text/html' }, '/index.html');
    const original = structuredClone(event.Records[0]?.cf.response);
    const response = await handler(event);
    expect(response).toEqual(original);
    expect(response.body).toBeUndefined();
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

  it('the site bucket lets CloudFront read objects only: no LIST, a missing key is 403 and the edge makes it 404', () => {
    const policy = resourcesOfType(synth.template, 'AWS::S3::BucketPolicy').find(
      ([, candidate]) =>
        JSON.stringify(candidate.Properties.Bucket) ===
        JSON.stringify({ Ref: synth.id(synth.stack.site.bucket) }),
    );
    const statements = (
      defined(policy, 'the site bucket policy')[1].Properties.PolicyDocument as {
        Statement: { Effect: string; Action: string | string[]; Principal?: { Service?: string } }[];
      }
    ).Statement.filter((statement) => statement.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(statements).toHaveLength(1);
    expect(statements[0]?.Effect).toBe('Allow');
    expect(statements[0]?.Action).toBe('s3:GetObject');
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
  it('still synthesizes, deploying a placeholder page and answering 404 with a fallback page', async () => {
    const missing = path.join(synth.assemblyDir, 'no-such-site-dist');
    expect(existsSync(missing)).toBe(false);
    const outdir = scratchDir();
    const app = new App({ outdir });
    const stack = new Stack(app, 'SiteOnly', { env: { region: 'ap-east-1' } });
    const site = new Site(stack, 'Site', {
      distDir: missing,
      apiDomainName: 'example.execute-api.ap-east-1.amazonaws.com',
      apiOriginHeaders: { 'x-origin-verify': 'example-origin-secret' },
      webAclId: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/example/1',
    });
    try {
      expect(site.builtSite).toBe(false);
      Template.fromStack(stack).resourceCountIs('Custom::CDKBucketDeployment', 1);
      const assembly = app.synth();
      const edgeTemplate = Template.fromJSON(assembly.getStackArtifact(site.edgeStack.artifactId).template);
      const dir = assetDirOf(assembly.directory, edgeTemplate, logicalIdOf(site.siteNotFound.lambda));
      const { handler } = (await import(pathToFileURL(path.join(dir, edgeBundleFile)).href)) as {
        handler: OriginResponseHandler;
      };
      const response = await handler(
        originResponse(403, { 'Content-Type': 'application/xml' }, '/x/index.html'),
      );
      expect(response.status).toBe('404');
      expect(response.body).toBe(fallbackNotFoundPage);
      expect(fallbackNotFoundPage).toContain('lang="zh-CN"');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('deployed in us-east-1', () => {
  it('keeps the edge functions in the one stack, associated by version, with nothing for cdk-nag to report', () => {
    const outdir = scratchDir();
    try {
      const app = new App({ outdir, context: { ...reportInsteadOfThrow } });
      const stack = new Stack(app, 'SiteOnly', { env: { region: 'us-east-1' } });
      const site = new Site(stack, 'Site', {
        distDir: path.join(projectRoot, 'site', 'dist'),
        apiDomainName: 'example.execute-api.us-east-1.amazonaws.com',
        apiOriginHeaders: { 'x-origin-verify': 'example-origin-secret' },
        webAclId: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/example/1',
      });
      withNag(app);
      const assembly = app.synth();
      expect(site.edgeStack).toBe(stack);
      expect(app.node.children.filter(Stack.isStack)).toHaveLength(1);
      const template = Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template);
      const distribution = resourcesOfType(template, 'AWS::CloudFront::Distribution')[0]?.[1];
      const siteConfig = (
        defined(distribution, 'the distribution').Properties as { DistributionConfig: DistributionConfig }
      ).DistributionConfig;
      const behaviors: [Behavior, experimental.EdgeFunction][] = [
        [siteConfig.DefaultCacheBehavior, site.siteNotFound],
        ...siteConfig.CacheBehaviors.map(
          (behavior) => [behavior, site.apiResponses] as [Behavior, experimental.EdgeFunction],
        ),
      ];
      for (const [behavior, fn] of behaviors) {
        const [association] =
          (
            behavior as Behavior & {
              LambdaFunctionAssociations?: { EventType: string; LambdaFunctionARN: { Ref: string } }[];
            }
          ).LambdaFunctionAssociations ?? [];
        expect(association?.EventType).toBe('origin-response');
        const version = resource(template, defined(association, 'the association').LambdaFunctionARN.Ref);
        expect(version.Type).toBe('AWS::Lambda::Version');
        expect(version.Properties.FunctionName).toEqual({ Ref: logicalIdOf(fn.lambda) });
      }
      expect(describeViolations(readReport(assembly.directory))).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
