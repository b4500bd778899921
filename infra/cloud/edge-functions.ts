/**
 * Lambda@Edge functions: the origin-response handlers of infra/cloud/edge/, bundled by the local
 * esbuild at synth time (so the problem documents come from functions/http/problems.ts and the 404
 * page from the built site, never restated), deployed to us-east-1 and replicated by CloudFront.
 *
 * Where they live. Lambda@Edge functions must be created in us-east-1, while Yichuang deploys to
 * the region a centre chooses. `experimental.EdgeFunction` puts them in a stack of their own in
 * us-east-1 (`<Stack>Edge`, created here so it can hold their roles too) and hands the versioned
 * ARN back to the main stack through an SSM parameter and a cross-region reader. That needs the
 * main stack's region to be concrete: see `stackEnvironment` in stack.ts. Deployed to us-east-1, the
 * functions simply join the main stack.
 *
 * Limits (CloudFront Developer Guide, "Restrictions on Lambda@Edge" and "Quotas on Lambda@Edge"):
 * no environment variables, no VPC, no layers, x86_64 only; an origin-response function may run
 * up to 30 s and use more than 128 MB, but these answer from memory in well under a millisecond,
 * so they get the smallest size and a 5 s timeout. The runtime is the newest Node.js that
 * aws-cdk-lib knows (cdk-nag AwsSolutions-L1 checks exactly that); Lambda@Edge follows Lambda's
 * supported Node.js runtimes.
 *
 * Not in China: Lambda@Edge, CloudFront Functions and WAF for CloudFront are not offered in the
 * AWS China regions (cn-north-1, cn-northwest-1); a deployment there needs another front door
 * for the site and the API's problem documents. This stack targets the global partition.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ArnFormat, Duration, Names, Stack, Stage, Token, Validations } from 'aws-cdk-lib';
import { experimental } from 'aws-cdk-lib/aws-cloudfront';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { projectRoot } from '../functions.ts';
import { logRetention } from './lambdas.ts';
import { nagResource } from './nag.ts';

/** The one region Lambda@Edge functions can be created in. */
export const edgeRegion = 'us-east-1';
/** The newest Node.js runtime of aws-cdk-lib; the bundle targets the same Node.js. */
export const edgeRuntime = Runtime.NODEJS_24_X;
const edgeTarget = 'node24';
/** The file name of every bundle: an ES module, so the handler is `index.handler`. */
export const edgeBundleFile = 'index.mjs';

const edgeSourceDir = path.join(projectRoot, 'infra', 'cloud', 'edge');
export const edgeEntries = {
  apiResponses: path.join(edgeSourceDir, 'api-responses.ts'),
  siteNotFound: path.join(edgeSourceDir, 'site-not-found.ts'),
} as const;

/**
 * Bundles one edge handler into `outdir/index.mjs`, with every import inlined and `define`
 * substituted (values are JavaScript expressions: JSON.stringify a string). The output depends only
 * on the sources and `define`, so the asset hash and the function version stay the same until
 * either changes.
 */
export function bundleEdgeHandler(
  entry: string,
  outdir: string,
  define: Record<string, string> = {},
): string {
  const result = buildSync({
    entryPoints: [entry],
    absWorkingDir: projectRoot,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: edgeTarget,
    charset: 'utf8',
    legalComments: 'none',
    minify: false,
    sourcemap: false,
    define,
    outfile: path.join(outdir, edgeBundleFile),
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) writeFileSync(file.path, file.contents);
  return outdir;
}

/**
 * The stack the edge functions of `scope`'s stack live in: the stack itself when it is in
 * us-east-1, otherwise `<Stack>Edge` in us-east-1, the stack `experimental.EdgeFunction` looks
 * up by its `stackId`.
 */
export function edgeStackOf(scope: Construct): Stack {
  const parent = Stack.of(scope);
  if (Token.isUnresolved(parent.region)) {
    throw new Error(
      `${parent.node.path}: Lambda@Edge needs a concrete region (see stackEnvironment in stack.ts)`,
    );
  }
  if (parent.region === edgeRegion) return parent;
  const stage = Stage.of(parent);
  if (!stage) throw new Error(`${parent.node.path} is not part of an app`);
  const id = `${parent.node.id}Edge`;
  const existing = stage.node.tryFindChild(id);
  if (existing) {
    if (!Stack.isStack(existing)) throw new Error(`${id} exists and is not a stack`);
    return existing;
  }
  return new Stack(stage, id, {
    // One edge stack per deployment of the main stack: its region is part of the name.
    stackName: `${parent.stackName}-edge-${parent.region}`,
    env: { region: edgeRegion, account: parent.account },
    description: `一窗 Yichuang: Lambda@Edge functions of ${parent.stackName} (${parent.region}), in ${edgeRegion} as CloudFront requires`,
    tags: parent.tags.tagValues(),
  });
}

export interface OriginResponseFunctionProps {
  /** One of `edgeEntries`. */
  entry: string;
  description: string;
  /** esbuild `define`: how synth-time data (the 404 page) gets into the bundle. */
  define?: Record<string, string>;
}

/**
 * One origin-response function: bundled, with a role of its own that may only write its own
 * logs, and published as a version (what CloudFront associates).
 */
export function originResponseFunction(
  scope: Construct,
  id: string,
  props: OriginResponseFunctionProps,
): experimental.EdgeFunction {
  const home = edgeStackOf(scope);
  const stage = Stage.of(scope);
  if (!stage) throw new Error(`${scope.node.path} is not part of an app`);
  const bundleDir = bundleEdgeHandler(
    props.entry,
    path.join(stage.outdir, 'edge-bundles', `${Names.uniqueId(scope)}${id}`),
    props.define,
  );

  // Instead of AWSLambdaBasicExecutionRole: logs only, and only this function's. EdgeFunction
  // adds edgelambda.amazonaws.com to the trust policy.
  const role = new Role(home, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `Yichuang Lambda@Edge ${id}: write its own logs in the regions where it runs, nothing else`,
  });
  const fn = new experimental.EdgeFunction(scope, id, {
    ...(home === Stack.of(scope) ? {} : { stackId: home.node.id }),
    description: props.description,
    runtime: edgeRuntime,
    architecture: Architecture.X86_64,
    handler: `${path.basename(edgeBundleFile, '.mjs')}.handler`,
    code: Code.fromAsset(bundleDir),
    memorySize: 128,
    timeout: Duration.seconds(5),
    role,
  });

  // A replica logs in the region of the edge location that ran it, to
  // /aws/lambda/us-east-1.<function name>: every region, one log group name.
  const logGroup = home.formatArn({
    service: 'logs',
    region: '*',
    resource: 'log-group',
    resourceName: `/aws/lambda/${edgeRegion}.${fn.functionName}`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  const logs = new Policy(home, `${id}Logs`, {
    roles: [role],
    statements: [
      new PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup, `${logGroup}:*`],
      }),
    ],
  });
  for (const resource of [logGroup, `${logGroup}:*`]) {
    Validations.of(logs).acknowledge({
      id: `AwsSolutions-IAM5[${nagResource(logs, resource)}]`,
      reason:
        'Lambda@Edge replicas log in the region of the edge location that ran them, to ' +
        '/aws/lambda/us-east-1.<function name>: the region is the only wildcard (any region CloudFront ' +
        "runs the function in), the log group is this function's own, `:*` its log streams.",
    });
  }

  // CDK also creates /aws/lambda/<function name> in us-east-1 for direct invocations, which
  // CloudFront never makes; kept as long as every other log of the system.
  const direct = fn.lambda.node.tryFindChild('LogGroup')?.node.defaultChild;
  if (direct instanceof CfnLogGroup) direct.retentionInDays = logRetention;
  return fn;
}
