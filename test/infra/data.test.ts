/**
 * The tables, the bus and the functions as synthesized, compared with the shared definitions they
 * are built from (functions/store/table.ts, infra/functions.ts, functions/config/env.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../functions/config/env.ts';
import {
  idempotencyTable,
  type KeyAttribute,
  table as mainTable,
  type TableDefinition,
} from '../../functions/store/table.ts';
import { accessFor } from '../../infra/cloud/lambdas.ts';
import { bundling, functionDefinitions, projectRoot } from '../../infra/functions.ts';
import { defined, logicalIdOf, resource, resourcesOfType, type Synthesized, synthesize } from './synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth?.dispose());

const keySchema = (definition: { partitionKey: KeyAttribute; sortKey?: KeyAttribute | undefined }) => [
  { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
  ...(definition.sortKey ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' }] : []),
];

function keyAttributes(definition: TableDefinition): { AttributeName: string; AttributeType: string }[] {
  const keys = [
    definition.partitionKey,
    definition.sortKey,
    ...definition.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ].filter((key): key is KeyAttribute => key !== undefined);
  const unique = new Map(keys.map((key) => [key.name, key.type]));
  return [...unique].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}

const byName = <T extends { AttributeName?: string; IndexName?: string }>(items: T[]) =>
  [...items].sort((a, b) =>
    String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)),
  );

describe.each([
  ['the single table', () => synth.stack.data.table, mainTable],
  ['the idempotency table', () => synth.stack.data.idempotencyTable, idempotencyTable],
] as const)('%s', (_, construct, definition) => {
  const table = () => resource(synth.template, synth.id(construct()));

  it('has the keys and expiry attribute of its definition', () => {
    const properties = table().Properties ?? {};
    expect(properties.KeySchema).toEqual(keySchema(definition));
    expect(byName(properties.AttributeDefinitions as never[])).toEqual(byName(keyAttributes(definition)));
    expect(properties.TimeToLiveSpecification).toEqual({
      AttributeName: definition.timeToLiveAttribute,
      Enabled: true,
    });
  });

  it('has exactly the global indexes of its definition, each with its keys', () => {
    const indexes = (table().Properties.GlobalSecondaryIndexes ?? []) as {
      IndexName: string;
      KeySchema: unknown;
      Projection: { ProjectionType: string };
    }[];
    expect(byName(indexes)).toEqual(
      byName(
        definition.globalIndexes.map((index) => ({
          IndexName: index.name,
          KeySchema: keySchema(index),
          Projection: { ProjectionType: 'ALL' },
        })),
      ),
    );
  });

  it('is on-demand, recoverable to any point in time, protected from deletion and retained', () => {
    const synthesized = table();
    expect(synthesized.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(synthesized.Properties.PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
    });
    expect(synthesized.Properties.DeletionProtectionEnabled).toBe(true);
    expect(synthesized.DeletionPolicy).toBe('Retain');
    expect(synthesized.UpdateReplacePolicy).toBe('Retain');
  });

  it('is encrypted with KMS under the AWS-managed key', () => {
    const sse = table().Properties.SSESpecification as Record<string, unknown>;
    expect(sse.SSEEnabled).toBe(true);
    expect(sse.SSEType ?? 'KMS').toBe('KMS');
    expect(sse.KMSMasterKeyId).toBeUndefined();
  });
});

describe('the clocks index', () => {
  it('is the sparse, sharded index the sweep reads, keyed as the definition says', () => {
    const clocks = mainTable.globalIndexes.find((index) => index.name === 'clocks');
    expect(clocks?.sparse).toBe(true);
    const synthesized = (resource(synth.template, synth.id(synth.stack.data.table)).Properties
      .GlobalSecondaryIndexes ?? []) as { IndexName: string; KeySchema: unknown }[];
    expect(synthesized.find((index) => index.IndexName === 'clocks')?.KeySchema).toEqual(
      keySchema(defined(clocks, 'the clocks index definition')),
    );
  });
});

describe('the functions', () => {
  const definitions = functionDefinitions();
  const lambda = (name: string) => resource(synth.template, synth.id(synth.stack.lambdas.get(name)));
  /** The staged bundle: the asset directory is named after the hash the S3 key carries. */
  const bundleOf = (name: string) => {
    const key = (lambda(name).Properties.Code as { S3Key: string }).S3Key;
    return path.join(synth.assemblyDir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs');
  };
  const version = (
    JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }
  ).version;

  it("are exactly the ones functionDefinitions() lists, besides CDK's own handlers", () => {
    const ours = definitions.map((definition) => synth.id(synth.stack.lambdas.get(definition.name)));
    const all = resourcesOfType(synth.template, 'AWS::Lambda::Function').map(([logicalId]) => logicalId);
    expect(all).toEqual(expect.arrayContaining(ours));
    const others = all.filter((logicalId) => !ours.includes(logicalId)).sort();
    // The site deployment handler, and the reader of the edge functions' versioned ARNs (us-east-1 SSM).
    expect(others).toHaveLength(2);
    expect(others[0]).toMatch(/^CustomCDKBucketDeployment/);
    expect(others[1]).toMatch(/^CustomCrossRegionStringParameterReader/);
  });

  it('are, in the us-east-1 edge stack, exactly the two Lambda@Edge functions', () => {
    const edge = resourcesOfType(synth.edgeTemplate, 'AWS::Lambda::Function').map(([logicalId]) => logicalId);
    expect(new Set(edge)).toEqual(
      new Set([
        logicalIdOf(synth.stack.site.apiResponses.lambda),
        logicalIdOf(synth.stack.site.siteNotFound.lambda),
      ]),
    );
  });

  it.each(definitions.map((definition) => [definition.name, definition] as const))(
    '%s runs Node.js 24 on arm64 with its timeout, its log group and the shared environment',
    (name, definition) => {
      const properties = lambda(name).Properties ?? {};
      expect(properties.Runtime).toBe('nodejs24.x');
      expect(properties.Architectures).toEqual(['arm64']);
      expect(properties.Handler).toBe('index.handler');
      expect(properties.Timeout).toBe(definition.timeoutSeconds);
      const variables = (properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables[envNames.tableName]).toEqual({ Ref: synth.id(synth.stack.data.table) });
      expect(variables[envNames.idempotencyTableName]).toEqual({
        Ref: synth.id(synth.stack.data.idempotencyTable),
      });
      expect(variables[envNames.eventBusName]).toEqual({ Ref: synth.id(synth.stack.data.bus) });
      expect(variables[envNames.version]).toBe(version);
      expect(variables.POWERTOOLS_SERVICE_NAME).toBe('yichuang');
      expect(variables[envNames.dynamoEndpoint]).toBeUndefined();

      const logGroupId = (properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      const logGroup = resource(synth.template, logGroupId);
      expect(logGroup.Properties.RetentionInDays).toBeGreaterThanOrEqual(180);
      expect(logGroup.DeletionPolicy).toBe('Retain');
    },
  );

  it.each(definitions.map((definition) => [definition.name] as const))(
    '%s is an ESM bundle built with the shared esbuild options, AWS SDK left to the runtime',
    (name) => {
      const bundle = bundleOf(name);
      expect(existsSync(bundle)).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      expect(code.startsWith(bundling.banner)).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
    },
  );

  it('leave the AWS SDK v3 to the Lambda runtime (imported, not bundled)', () => {
    const sdkImports = definitions.flatMap((definition) => {
      const code = readFileSync(bundleOf(definition.name), 'utf8');
      return code.match(/from\s*["']@aws-sdk\/[\w-]+["']/g) ?? [];
    });
    expect(sdkImports.length).toBeGreaterThan(0);
  });

  it.each(definitions.map((definition) => [definition.name, definition] as const))(
    '%s holds exactly the data permissions its routes call for',
    (name, definition) => {
      const roleId = (lambda(name).Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const statements = resourcesOfType(synth.template, 'AWS::IAM::Policy')
        .filter(([, policy]) =>
          (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
        )
        .flatMap(
          ([, policy]) =>
            (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
        );
      const actions = statements.flatMap((statement) => [statement.Action].flat() as string[]);
      const access = accessFor(definition);

      expect(actions).toContain('dynamodb:Query');
      expect(actions.includes('dynamodb:PutItem')).toBe(access.table === 'read-write');
      expect(actions.includes('events:PutEvents')).toBe(access.putEvents);
      expect(actions.some((action) => action.includes('*'))).toBe(false);
      expect(actions).not.toContain('dynamodb:Scan');
      expect(JSON.stringify(statements)).not.toContain('/index/*');
      expect(JSON.stringify(statements)).not.toContain('"Resource":"*"');
    },
  );

  it('lets the sweep publish to the domain bus, and only to it', () => {
    const sweep = defined(
      definitions.find((definition) => definition.kind === 'job'),
      'the sweep job',
    );
    expect(accessFor(sweep).putEvents).toBe(true);
    synth.template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: synth.id(defined(synth.stack.lambdas.get(sweep.name).role, 'the sweep role')) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 'events:PutEvents',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [synth.id(synth.stack.data.bus), 'Arn'] },
          },
        ]),
      },
    });
  });
});

describe('the event bus', () => {
  it('is the custom yichuang bus', () => {
    expect(resource(synth.template, synth.id(synth.stack.data.bus)).Properties.Name).toBe('yichuang');
  });
});
