/**
 * The site and the one public origin: a private bucket for the built Astro site behind CloudFront
 * (origin access control, read only), `/api/*` routed to the HTTP API on the same host (no CORS),
 * security headers on every response, and two Lambda@Edge origin-response functions
 * (edge-functions.ts, edge/): on `/api/*`, API Gateway's own `{"message"}` errors become our RFC 9457
 * problem documents, as the local gateway answers them; on the site, S3's 403/404 for a missing
 * key becomes the site's 404 page.
 *
 * Lambda@Edge, CloudFront Functions and WAF for CloudFront are not offered in the AWS China
 * regions: this front door is for the global partition only.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Annotations, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel,
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as CloudFrontFunction,
  Distribution,
  type experimental,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  LambdaEdgeEventType,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  type ResponseCustomHeader,
  ResponseHeadersPolicy,
  type ResponseSecurityHeadersBehavior,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { type DeskAuthConfig, deskAuthConfigKey } from '../desk-auth-config.ts';
import { contentSecurityPolicyWith, securityHeaders } from '../security-headers.ts';
import { edgeEntries, edgeStackOf, originResponseFunction } from './edge-functions.ts';
import { logRetention } from './lambdas.ts';
import { nagResource } from './nag.ts';

/**
 * The shared security headers (infra/security-headers.ts, which the local runtime also sends) as a
 * CloudFront response-headers policy: the headers CloudFront models get their typed slot, any other
 * becomes a custom header. Values are parsed from the shared strings, never restated.
 */
export function headersPolicyBehaviors(headers: Readonly<Record<string, string>>): {
  security: ResponseSecurityHeadersBehavior;
  custom: ResponseCustomHeader[];
} {
  const security: {
    -readonly [K in keyof ResponseSecurityHeadersBehavior]: ResponseSecurityHeadersBehavior[K];
  } = {};
  const custom: ResponseCustomHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    switch (name.toLowerCase()) {
      case 'content-security-policy':
        security.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'strict-transport-security': {
        const maxAge = /max-age=(\d+)/i.exec(value)?.[1];
        if (!maxAge) throw new Error(`strict-transport-security without max-age: ${value}`);
        security.strictTransportSecurity = {
          accessControlMaxAge: Duration.seconds(Number(maxAge)),
          includeSubdomains: /includesubdomains/i.test(value),
          preload: /preload/i.test(value),
          override: true,
        };
        break;
      }
      case 'x-content-type-options':
        if (value.toLowerCase() !== 'nosniff')
          throw new Error(`x-content-type-options must be nosniff: ${value}`);
        security.contentTypeOptions = { override: true };
        break;
      case 'x-frame-options': {
        const option = value.toUpperCase();
        if (option !== HeadersFrameOption.DENY && option !== HeadersFrameOption.SAMEORIGIN) {
          throw new Error(`x-frame-options must be DENY or SAMEORIGIN: ${value}`);
        }
        security.frameOptions = { frameOption: option as HeadersFrameOption, override: true };
        break;
      }
      case 'referrer-policy': {
        const policy = Object.values(HeadersReferrerPolicy).find((known) => known === value.toLowerCase());
        if (!policy) throw new Error(`Unknown referrer-policy: ${value}`);
        security.referrerPolicy = { referrerPolicy: policy, override: true };
        break;
      }
      case 'x-xss-protection':
        throw new Error(
          'x-xss-protection is not mapped: leave it out (obsolete) or extend headersPolicyBehaviors',
        );
      default:
        custom.push({ header: name, value, override: true });
    }
  }
  return { security, custom };
}

/**
 * Viewer-request function for the site: Astro builds `/guide/` as `guide/index.html`, and S3 (a
 * REST origin behind OAC) knows no index documents below the root.
 */
const indexRewrite = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.slice(uri.lastIndexOf('/') + 1).indexOf('.') === -1) {
    request.uri = uri + '/index.html';
  }
  return request;
}`;

const placeholderPage = `<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><title>一窗 Yichuang</title>
<p>站点尚未构建：请先运行 <code>npm run build:site</code> 再部署。</p>
<p>The site was not built: run <code>npm run build:site</code> before deploying.</p></html>
`;

/** The 404 page when the site has not been built (the built site has its own 404.html). */
export const fallbackNotFoundPage = `<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><meta name="robots" content="noindex"><title>页面不存在 - 一窗</title>
<h1>页面不存在</h1>
<p>您访问的页面不存在或已移动。<a href="/">返回首页</a></p></html>
`;

/** The page S3's 403/404 become: site/dist/404.html as built, or the fallback. */
export function notFoundPage(distDir: string): string {
  const file = path.join(distDir, '404.html');
  return existsSync(file) ? readFileSync(file, 'utf8') : fallbackNotFoundPage;
}

/**
 * The origin request policy of `/api/*`: CloudFront's managed AllViewerExceptHostHeader
 * (b689b0a8-53d0-40ab-baf2-68738e2966ac), meant for API Gateway origins. It forwards every viewer
 * header except Host (which API Gateway must see as its own; Authorization included, which
 * CloudFront forwards only without caching, as here) plus CloudFront's device-type and
 * viewer-location headers, among them `CloudFront-Viewer-Address` (the viewer's address and port),
 * which public-progress reads for its per-client limit (CLIENT_ADDRESS_HEADER, lambdas.ts).
 *
 * Why not a policy of our own: CloudFront's header behaviours cannot say "every viewer header
 * except Host, plus CloudFront-Viewer-Address". `allExcept` forwards viewer headers only;
 * `allViewerAndWhitelistCloudFront` forwards Host too; an allow list cannot name Authorization
 * (CloudFront and aws-cdk-lib refuse it). Only the managed policy combines them.
 *
 * CloudFront sets the header itself, replacing any value the viewer sends. The HTTP API's
 * execute-api endpoint is reachable directly too (it is CloudFront's origin and cannot be
 * disabled), where a client could send a forged one: the secret origin header of the API origin
 * (origin-secret.ts), which every HTTP function checks before anything else, refuses such requests.
 */
export const apiOriginRequestPolicy = OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER;
/** The CloudFront header with the viewer's address that the managed policy forwards. */
export const viewerAddressHeader = 'CloudFront-Viewer-Address';

/**
 * The hall display's state (GET /api/public/hall, the counter area): every screen and phone of a
 * hall polls it about once a second, and it answers `Cache-Control: public, max-age=1`. A behaviour
 * of its own caches it at the edge for that second, so a hall costs one origin request a second,
 * not one per screen: GET and HEAD only, nothing of the viewer's (query string, headers, cookies)
 * in the cache key or sent on, and TTLs that follow the origin's header within 0–2 s.
 */
export const hallPath = '/api/public/hall';

/**
 * The public monthly scorecard (GET /api/public/scorecard?period=…, the appraisal area): frozen once
 * published and answered with `Cache-Control: public, max-age=3600` (a month not yet published: 60
 * s). A behaviour of its own lets the edge serve it, keyed by the month alone: GET and HEAD only,
 * only `period` in the key and sent on, TTLs that follow the origin's header within 0 s – 1 h.
 */
export const scorecardPath = '/api/public/scorecard';

export interface SiteProps {
  /** The built Astro site; when missing, a placeholder page is deployed so synth works anywhere. */
  distDir: string;
  /** `abc.execute-api.<region>.amazonaws.com` */
  apiDomainName: string;
  /** Origin custom headers of the API origin: the secret the functions check (origin-secret.ts). */
  apiOriginHeaders: Record<string, string>;
  /** Value for the distribution's WebACLId (see firewall.ts). */
  webAclId: string;
  /**
   * The centre's own host name and its ACM certificate (in us-east-1, as CloudFront requires).
   * Without one the distribution answers on *.cloudfront.net, whose TLS policy CloudFront fixes.
   */
  customDomain?: { domainName: string; certificateArn: string } | undefined;
  /** The desk's sign-in settings, deployed as /desk/config.json with the site. */
  deskAuthConfig?: DeskAuthConfig | undefined;
  /** More origins the pages may connect to (connect-src): where the complaint form uploads attachments. */
  connectSources?: readonly string[];
}

export class Site extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly headers: ResponseHeadersPolicy;
  /** The site's deployment: the built site and, when given, /desk/config.json. */
  readonly deployment: BucketDeployment;
  /** Origin response of `/api/*`: gateway errors as problem documents (edge/api-responses.ts). */
  readonly apiResponses: experimental.EdgeFunction;
  /** Origin response of the site: S3's 403/404 as the site's 404 page (edge/site-not-found.ts). */
  readonly siteNotFound: experimental.EdgeFunction;
  /** Where the Lambda@Edge functions live: `<Stack>Edge` in us-east-1, or this stack in us-east-1. */
  readonly edgeStack: Stack;
  readonly builtSite: boolean;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);

    // Server access logs of the site bucket and CloudFront standard logs. CloudFront writes its logs
    // with an ACL, hence BUCKET_OWNER_PREFERRED. Kept a year (网络安全法: at least six months).
    this.logBucket = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Content', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.builtSite = existsSync(path.join(props.distDir, 'index.html'));
    if (!this.builtSite) {
      Annotations.of(this).addInfo(
        `${props.distDir} not found: deploying a placeholder page. Run \`npm run build:site\` first.`,
      );
    }

    const behaviors = headersPolicyBehaviors({
      ...securityHeaders,
      'content-security-policy': contentSecurityPolicyWith(props.connectSources ?? []),
    });
    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Yichuang security headers (infra/security-headers.ts), site and API',
      securityHeadersBehavior: behaviors.security,
      ...(behaviors.custom.length > 0 ? { customHeadersBehavior: { customHeaders: behaviors.custom } } : {}),
      removeHeaders: ['Server'],
    });

    const rewrite = new CloudFrontFunction(this, 'IndexRewrite', {
      comment: 'Serve Astro directory pages: /a/ and /a -> /a/index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(indexRewrite),
    });

    this.edgeStack = edgeStackOf(this);
    this.apiResponses = originResponseFunction(this, 'ApiResponses', {
      entry: edgeEntries.apiResponses,
      description: 'Yichuang /api/*: API Gateway errors as RFC 9457 problem+json, like the local gateway',
    });
    this.siteNotFound = originResponseFunction(this, 'SiteNotFound', {
      entry: edgeEntries.siteNotFound,
      description: "Yichuang site: S3's 403/404 for a missing page as the site's 404 page",
      define: { YICHUANG_NOT_FOUND_PAGE: JSON.stringify(notFoundPage(props.distDir)) },
    });

    // No custom error responses: they apply to the whole distribution, so mapping 403/404 to a site
    // page would replace the API's own problem documents for those statuses; and CloudFront cannot
    // map 401 at all. Each behaviour has its own origin-response function instead.
    const apiOrigin = new HttpOrigin(props.apiDomainName, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      // Replaces any header of the same name a viewer sends: only CloudFront can present it.
      customHeaders: props.apiOriginHeaders,
    });
    const apiEdgeLambdas = [
      { functionVersion: this.apiResponses.currentVersion, eventType: LambdaEdgeEventType.ORIGIN_RESPONSE },
    ];
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Yichuang: site and /api',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // North America, Europe, Asia (Hong Kong, Taiwan, Japan, Singapore…): where citizens are.
      priceClass: PriceClass.PRICE_CLASS_200,
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            certificate: Certificate.fromCertificateArn(
              this,
              'Certificate',
              props.customDomain.certificateArn,
            ),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: SSLMethod.SNI,
          }
        : {}),
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      webAclId: props.webAclId,
      defaultBehavior: {
        // READ only: S3 answers a missing key with 403, which the origin-response function turns
        // into the site's 404 page; no LIST grant, so the bucket cannot be listed at all.
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originAccessLevels: [AccessLevel.READ],
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
        functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
        edgeLambdas: [
          {
            functionVersion: this.siteNotFound.currentVersion,
            eventType: LambdaEdgeEventType.ORIGIN_RESPONSE,
          },
        ],
      },
      additionalBehaviors: {
        // Before /api/*: CloudFront takes the first behaviour whose pattern matches.
        [hallPath]: {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: new CachePolicy(this, 'HallCache', {
            comment: 'Yichuang hall display: the origin’s max-age=1, nothing of the viewer in the key',
            minTtl: Duration.seconds(0),
            defaultTtl: Duration.seconds(1),
            maxTtl: Duration.seconds(2),
            queryStringBehavior: CacheQueryStringBehavior.none(),
            headerBehavior: CacheHeaderBehavior.none(),
            cookieBehavior: CacheCookieBehavior.none(),
            enableAcceptEncodingGzip: true,
            enableAcceptEncodingBrotli: true,
          }),
          responseHeadersPolicy: this.headers,
          compress: true,
          edgeLambdas: apiEdgeLambdas,
        },
        [scorecardPath]: {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: new CachePolicy(this, 'ScorecardCache', {
            comment: 'Yichuang public scorecard: the origin’s max-age, keyed by the month only',
            minTtl: Duration.seconds(0),
            defaultTtl: Duration.seconds(60),
            maxTtl: Duration.hours(1),
            queryStringBehavior: CacheQueryStringBehavior.allowList('period'),
            headerBehavior: CacheHeaderBehavior.none(),
            cookieBehavior: CacheCookieBehavior.none(),
            enableAcceptEncodingGzip: true,
            enableAcceptEncodingBrotli: true,
          }),
          responseHeadersPolicy: this.headers,
          compress: true,
          edgeLambdas: apiEdgeLambdas,
        },
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Every viewer header except Host, plus CloudFront-Viewer-Address: apiOriginRequestPolicy.
          originRequestPolicy: apiOriginRequestPolicy,
          responseHeadersPolicy: this.headers,
          compress: true,
          edgeLambdas: apiEdgeLambdas,
        },
      },
    });

    // A role and log group of our own for CDK's deployment handler, instead of the AWS-managed
    // basic execution role.
    const deployLogs = new LogGroup(this, 'DeploymentLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const deployRole = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'CDK BucketDeployment: copy the built site into the site bucket and invalidate CloudFront',
    });
    deployLogs.grantWrite(deployRole);

    const siteSource: ISource = this.builtSite
      ? Source.asset(props.distDir)
      : Source.data('index.html', placeholderPage);
    // /desk/config.json goes with the site in one deployment: a deployment of its own would be
    // deleted by this one's prune whenever the site changes and the config does not. Last source
    // wins, so a config.json in the built site never shadows the cloud's.
    const deskConfigSource = props.deskAuthConfig
      ? [Source.jsonData(deskAuthConfigKey, props.deskAuthConfig)]
      : [];
    const deployment = new BucketDeployment(this, 'DeploySite', {
      sources: [siteSource, ...deskConfigSource],
      destinationBucket: this.bucket,
      prune: true,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      role: deployRole,
      logGroup: deployLogs,
      memoryLimit: 512,
    });
    this.deployment = deployment;
    this.acknowledge(deployment, deployRole, props.customDomain !== undefined);
  }

  /** What cdk-nag reports on the edge and on CDK's own deployment handler, and why it stays. */
  private acknowledge(deployment: BucketDeployment, deployRole: Role, customDomain: boolean): void {
    const distribution = Validations.of(this.distribution);
    distribution.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction on purpose: citizens use the service from abroad too (overseas Chinese, ' +
        'students, Hong Kong and Macao residents), and abuse is handled by the WAF rate limit, not by country.',
    });
    if (!customDomain) {
      distribution.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the *.cloudfront.net certificate, whose security ' +
          'policy CloudFront fixes (TLSv1). Deploy with -c domainName=… -c certificateArn=… and the stack sets ' +
          'TLSv1.2_2021 with SNI.',
      });
    }

    // CDK's BucketDeployment handler: its grants are written by aws-cdk-lib, not by us.
    const stack = Stack.of(this);
    const assets = nagResource(
      this,
      `arn:${stack.partition}:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*`,
    );
    const bucketArn = `<${stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>`;
    const wildcards: [string, string][] = [
      ['Action::s3:GetBucket*', 'read the CDK asset bucket holding the zipped site (grantRead)'],
      ['Action::s3:GetObject*', 'read the zipped site from the CDK asset bucket (grantRead)'],
      ['Action::s3:List*', 'list the CDK asset bucket and the site bucket to sync and prune (grantRead)'],
      [assets, 'the objects of the CDK bootstrap asset bucket, where the site archive is staged'],
      [
        'Action::s3:Abort*',
        'abort multipart uploads of large site files into the site bucket (grantReadWrite)',
      ],
      ['Action::s3:DeleteObject*', 'prune files removed from the site (prune: true) in the site bucket'],
      [`Resource::${bucketArn}/*`, 'every object of the site bucket: the deployment replaces the whole site'],
      ['Resource::*', 'cloudfront:CreateInvalidation/GetInvalidation, which BucketDeployment grants on *'],
    ];
    for (const [finding, why] of wildcards) {
      Validations.of(deployRole).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: `CDK BucketDeployment handler (runs only during deployments): ${why}.`,
      });
    }
    const handler = stack.node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!handler) throw new Error(`No BucketDeployment handler found for ${deployment.node.path}`);
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The BucketDeployment handler is a Python function whose runtime aws-cdk-lib chooses and bundles ' +
        '(it ships the AWS CLI for `s3 sync`); it moves with aws-cdk-lib upgrades and runs only during deployments.',
    });
  }
}
