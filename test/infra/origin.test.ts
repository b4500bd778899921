/**
 * The cloud edge cannot be bypassed: CloudFront adds the origin secret to every `/api/*` origin
 * request (a dynamic reference to the Secrets Manager secret, never its value), forwards
 * CloudFront-Viewer-Address to the API, and every route of the HTTP API ends in a function that
 * checks the secret (its variable, its least-privilege grant, the check in its bundle).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../functions/config/env.ts';
import { acceptedSecretStages, originVerifyHeader } from '../../functions/http/origin-check.ts';
import { routeKey, routes } from '../../functions/http/routes.ts';
import { OriginSecret } from '../../infra/cloud/origin-secret.ts';
import { apiOriginRequestPolicy, viewerAddressHeader } from '../../infra/cloud/site.ts';
import { type FunctionDefinition, functionDefinitions } from '../../infra/functions.ts';
import {
  assetDirOf,
  defined,
  logicalIdOf,
  resource,
  resourcesOfType,
  type Synthesized,
  synthesize,
} from './synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth?.dispose());

interface Origin {
  Id: string;
  DomainName: unknown;
  OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
}
interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  OriginRequestPolicyId?: string;
  FunctionAssociations?: unknown[];
  LambdaFunctionAssociations?: { EventType: string }[];
}
type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string };

const secretRef = () => ({ Ref: synth.id(synth.stack.originSecret.secret) });

function distributionConfig() {
  return resource(synth.template, synth.id(synth.stack.site.distribution)).Properties.DistributionConfig as {
    Origins: Origin[];
    DefaultCacheBehavior: Behavior;
    CacheBehaviors: Behavior[];
  };
}

function apiBehavior(): Behavior {
  return defined(
    distributionConfig().CacheBehaviors.find((behavior) => behavior.PathPattern === '/api/*'),
    'the /api/* behaviour',
  );
}

const functionId = (definition: FunctionDefinition) => synth.id(synth.stack.lambdas.get(definition.name));
const variablesOf = (logicalId: string) =>
  (resource(synth.template, logicalId).Properties.Environment as { Variables: Record<string, unknown> })
    .Variables;

function statementsOf(logicalId: string): Statement[] {
  const roleId = (resource(synth.template, logicalId).Properties.Role as { 'Fn::GetAtt': [string, string] })[
    'Fn::GetAtt'
  ][0];
  return resourcesOfType(synth.template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
    )
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const mentionsSecret = (statement: Statement) =>
  [statement.Action].flat().some((action) => action.startsWith('secretsmanager:'));

const http = functionDefinitions().filter((definition) => definition.kind === 'http');
const jobs = functionDefinitions().filter((definition) => definition.kind === 'job');

describe('the API origin of the distribution', () => {
  it('carries the secret header, its value a dynamic reference to the current version of the secret', () => {
    const config = distributionConfig();
    const origin = defined(
      config.Origins.find((candidate) => candidate.Id === apiBehavior().TargetOriginId),
      'the API origin',
    );
    expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.');
    expect(origin.OriginCustomHeaders).toEqual([
      {
        HeaderName: originVerifyHeader,
        HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', secretRef(), ':SecretString:::}}']] },
      },
    ]);
    // The site's origin (S3) is not told the secret.
    const siteOrigin = config.Origins.find(
      (candidate) => candidate.Id === config.DefaultCacheBehavior.TargetOriginId,
    );
    expect(siteOrigin?.OriginCustomHeaders).toBeUndefined();
  });

  it('pins the version given with -c originSecretVersion, the second step of a rotation', () => {
    const stack = new Stack(new App(), 'Pinned', { env: { region: 'ap-southeast-1' } });
    const versionId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
    const pinned = new OriginSecret(stack, 'OriginSecret', { sentVersionId: versionId });
    expect(stack.resolve(pinned.originHeaders())).toEqual({
      [originVerifyHeader]: {
        'Fn::Join': [
          '',
          [
            '{{resolve:secretsmanager:',
            { Ref: logicalIdOf(pinned.secret) },
            `:SecretString:::${versionId}}}`,
          ],
        ],
      },
    });
    expect(() => new OriginSecret(stack, 'Bad', { sentVersionId: 'AWSCURRENT' })).toThrow(/version id/);
  });

  it('has its value generated by Secrets Manager: it is in no template and no cloud assembly', () => {
    const secret = resource(synth.template, synth.id(synth.stack.originSecret.secret));
    expect(secret.Type).toBe('AWS::SecretsManager::Secret');
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.Properties.GenerateSecretString).toMatchObject({
      PasswordLength: 48,
      ExcludePunctuation: true,
    });
    // Beside it, only the SMS provider's credentials (test/infra/messages.test.ts).
    expect(
      resourcesOfType(synth.template, 'AWS::SecretsManager::Secret')
        .map(([id]) => id)
        .sort(),
    ).toEqual([synth.id(synth.stack.originSecret.secret), synth.id(synth.stack.messages.secret)].sort());
  });

  it('forwards CloudFront-Viewer-Address to the API: the managed AllViewerExceptHostHeader policy', () => {
    // The managed policy (b689b0a8-…) forwards every viewer header but Host plus CloudFront's
    // viewer headers, CloudFront-Viewer-Address among them (CloudFront Developer Guide, "Use managed
    // origin request policies"); a policy of our own cannot also forward Authorization (site.ts).
    expect(apiOriginRequestPolicy).toBe(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER);
    expect(apiBehavior().OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    expect(viewerAddressHeader.toLowerCase()).not.toBe(originVerifyHeader);
    // Nothing on the way to the origin could drop or rewrite a header: no viewer- or origin-request code.
    expect(apiBehavior().FunctionAssociations).toBeUndefined();
    expect(apiBehavior().LambdaFunctionAssociations?.map((association) => association.EventType)).toEqual([
      'origin-response',
    ]);
  });
});

describe('every HTTP function', () => {
  it.each(http.map((definition) => [definition.name, definition] as const))(
    '%s knows the secret and may read its accepted stages, nothing more',
    (_, definition) => {
      expect(variablesOf(functionId(definition))[envNames.originSecretArn]).toEqual(secretRef());
      const onSecret = statementsOf(functionId(definition)).filter(mentionsSecret);
      expect(onSecret).toEqual([
        {
          Action: 'secretsmanager:GetSecretValue',
          Effect: 'Allow',
          Resource: secretRef(),
          Condition: {
            'ForAnyValue:StringEquals': { 'secretsmanager:VersionStage': [...acceptedSecretStages] },
          },
        },
      ]);
    },
  );

  it.each(http.map((definition) => [definition.name, definition] as const))(
    '%s runs the check: its bundle has the header and the variable',
    (_, definition) => {
      const bundle = readFileSync(
        path.join(assetDirOf(synth.assemblyDir, synth.template, functionId(definition)), 'index.mjs'),
        'utf8',
      );
      expect(bundle).toContain(`"${originVerifyHeader}"`);
      expect(bundle).toContain(envNames.originSecretArn);
    },
  );

  it('is the only kind that gets the secret: the jobs, which no request reaches, do not', () => {
    expect(jobs.length).toBeGreaterThan(0);
    const onOriginSecret = (statement: Statement) =>
      mentionsSecret(statement) && JSON.stringify(statement.Resource) === JSON.stringify(secretRef());
    for (const definition of jobs) {
      expect(variablesOf(functionId(definition))[envNames.originSecretArn]).toBeUndefined();
      expect(statementsOf(functionId(definition)).filter(onOriginSecret)).toEqual([]);
    }
  });
});

describe('the direct path to the HTTP API', () => {
  it('ends, for every route of the table, in a Lambda function that checks the secret', () => {
    const integrations = new Map(resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Integration'));
    const apiRoutes = resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Route');
    expect(apiRoutes.map(([, route]) => route.Properties.RouteKey).sort()).toEqual(
      routes.map(routeKey).sort(),
    );
    const checked = new Set(http.map(functionId));
    for (const [, route] of apiRoutes) {
      const integrationId = defined(
        /"Ref":"([^"]+)"/.exec(JSON.stringify(route.Properties.Target))?.[1],
        `the integration of ${String(route.Properties.RouteKey)}`,
      );
      const integration = defined(integrations.get(integrationId), integrationId).Properties;
      expect(integration.IntegrationType).toBe('AWS_PROXY');
      const fn = (integration.IntegrationUri as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(checked.has(fn), `${String(route.Properties.RouteKey)} → ${fn}`).toBe(true);
    }
  });

  it('names the secret in the outputs, so an operator can rotate it', () => {
    const outputs = synth.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.OriginSecretArn?.Value).toEqual(secretRef());
  });
});
