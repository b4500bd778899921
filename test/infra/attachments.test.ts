/**
 * Complaint attachments in the cloud, against the real synthesized template and bundles: the
 * bucket is private (public access blocked, no ACLs, no website), encrypted, SSL-only, logged,
 * retained, expires unnamed uploads and lets only the site's origin post; exactly the functions
 * that use it get its name and least-privilege grants by prefix; the site may connect to it; and
 * the presigned POST the code makes carries the exact-size condition (signed offline with
 * made-up credentials: presigning is local computation).
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentLimits } from '../../functions/domain/complaints/attachments.ts';
import { attachmentEnv } from '../../functions/store/complaints/attachments.ts';
import { s3AttachmentObjects, uploadConditions } from '../../functions/store/complaints/attachments-s3.ts';
import { Attachments, attachmentGrants } from '../../infra/cloud/attachments.ts';
import { handlerModuleOf } from '../../infra/cloud/lambdas.ts';
import { type FunctionDefinition, functionDefinitions } from '../../infra/functions.ts';
import { assetDirOf, defined, resource, resourcesOfType, type Synthesized, synthesize } from './synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth?.dispose());

type Statement = {
  Action: string | string[];
  Effect: string;
  Resource: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

const definitions = functionDefinitions();
const bucketId = () => synth.id(synth.stack.attachments.bucket);
const bucket = () => resource(synth.template, bucketId());
const fnId = (definition: FunctionDefinition) => synth.id(synth.stack.lambdas.get(definition.name));
const usesBucket = (definition: FunctionDefinition) =>
  (handlerModuleOf(definition) ?? '') in attachmentGrants;
const grantsOf = (definition: FunctionDefinition) => attachmentGrants[handlerModuleOf(definition) ?? ''];

function statementsOf(definition: FunctionDefinition): Statement[] {
  const roleId = (
    resource(synth.template, fnId(definition)).Properties.Role as { 'Fn::GetAtt': [string, string] }
  )['Fn::GetAtt'][0];
  return resourcesOfType(synth.template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
    )
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const onBucket = (statement: Statement) => JSON.stringify(statement.Resource).includes(bucketId());
const objectsUnder = (prefix: string) => ({
  'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId(), 'Arn'] }, `/${prefix}*`]],
});

describe('the attachment bucket', () => {
  it('blocks public access, has no ACLs and no website, and is kept when the stack goes', () => {
    const { Properties, DeletionPolicy, UpdateReplacePolicy } = bucket();
    expect(Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(Properties.WebsiteConfiguration).toBeUndefined();
    expect(Properties.AccessControl).toBeUndefined();
    expect([DeletionPolicy, UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  it('encrypts every object and logs every request to the site’s log bucket', () => {
    expect(bucket().Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket().Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: synth.id(synth.stack.site.logBucket) },
      LogFilePrefix: 's3/attachments/',
    });
  });

  it('refuses any request without TLS 1.2, and its policy allows nobody anything', () => {
    const [, policy] = defined(
      resourcesOfType(synth.template, 'AWS::S3::BucketPolicy').find(
        ([, candidate]) =>
          JSON.stringify(candidate.Properties.Bucket) === JSON.stringify({ Ref: bucketId() }),
      ),
      'the attachment bucket policy',
    );
    const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements.filter((statement) => statement.Effect === 'Allow')).toEqual([]);
    expect(statements.map((statement) => statement.Condition)).toEqual(
      expect.arrayContaining([
        { Bool: { 'aws:SecureTransport': 'false' } },
        { NumericLessThan: { 's3:TlsVersion': 1.2 } },
      ]),
    );
  });

  it('expires uploads no complaint named after a day, and nothing else', () => {
    expect(bucket().Properties.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'expire-unnamed-uploads',
          Prefix: 'pending/',
          ExpirationInDays: attachmentLimits.pendingDays,
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          Status: 'Enabled',
        },
      ],
    });
  });

  it('lets only the site’s own origin post uploads from a browser, and nothing else cross-origin', () => {
    const rules = (bucket().Properties.CorsConfiguration as { CorsRules: Record<string, unknown>[] })
      .CorsRules;
    expect(rules).toHaveLength(1);
    expect(rules[0]?.AllowedMethods).toEqual(['POST']);
    expect(rules[0]?.AllowedOrigins).toEqual([
      {
        'Fn::Join': [
          '',
          ['https://', { 'Fn::GetAtt': [synth.id(synth.stack.site.distribution), 'DomainName'] }],
        ],
      },
    ]);
  });

  it('is where the site’s pages may connect to, by the CSP of the distribution', () => {
    const [, policy] = defined(
      resourcesOfType(synth.template, 'AWS::CloudFront::ResponseHeadersPolicy')[0],
      'headers',
    );
    const csp = JSON.stringify(
      (policy.Properties.ResponseHeadersPolicyConfig as Record<string, Record<string, unknown>>)
        .SecurityHeadersConfig?.ContentSecurityPolicy,
    );
    expect(csp).toContain(
      `connect-src 'self' https://*.amazoncognito.com ${Attachments.uploadOrigin(synth.stack.region)}`,
    );
  });
});

describe('the functions that use the bucket', () => {
  it('are exactly the handlers whose bundle builds the attachment store: filing and opening', () => {
    expect(Object.keys(attachmentGrants).sort()).toEqual(['complaints/attachments', 'complaints/public']);
    for (const definition of definitions) {
      const bundle = readFileSync(
        path.join(assetDirOf(synth.assemblyDir, synth.template, fnId(definition)), 'index.mjs'),
        'utf8',
      );
      expect(bundle.includes(attachmentEnv.bucket), definition.name).toBe(usesBucket(definition));
      if (usesBucket(definition)) {
        // Loaded on first use only: the S3 client and both presigners are dynamic imports.
        for (const sdk of ['client-s3', 's3-presigned-post', 's3-request-presigner']) {
          expect(bundle, `${definition.name} ${sdk}`).toContain(`import("@aws-sdk/${sdk}")`);
          expect(bundle, `${definition.name} ${sdk}`).not.toMatch(new RegExp(`from\\s*"@aws-sdk/${sdk}"`));
        }
      }
    }
  });

  it.each(definitions.map((definition) => [definition.name, definition] as const))(
    '%s has the bucket name and object grants by prefix exactly when it uses the bucket',
    (_, definition) => {
      const env = (
        resource(synth.template, fnId(definition)).Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      const statements = statementsOf(definition).filter(onBucket);
      const grants = grantsOf(definition);
      if (!grants) {
        expect(env[attachmentEnv.bucket]).toBeUndefined();
        expect(statements).toEqual([]);
        return;
      }
      expect(env[attachmentEnv.bucket]).toEqual({ Ref: bucketId() });
      expect(env[attachmentEnv.localDir]).toBeUndefined();
      // CDK merges statements on the same resource: compare actions by prefix.
      const granted = new Map<string, Set<string>>();
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        const prefix = JSON.stringify(statement.Resource);
        granted.set(prefix, new Set([...(granted.get(prefix) ?? []), ...[statement.Action].flat()]));
      }
      const expected = new Map<string, Set<string>>();
      for (const grant of grants) {
        const prefix = JSON.stringify(objectsUnder(grant.prefix));
        expected.set(prefix, new Set([...(expected.get(prefix) ?? []), ...grant.actions]));
      }
      expect(granted).toEqual(expected);
      // Never the bucket itself (no listing), never a wildcard action.
      for (const statement of statements) {
        expect(JSON.stringify(statement.Resource)).not.toBe(
          JSON.stringify({ 'Fn::GetAtt': [bucketId(), 'Arn'] }),
        );
        for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
      }
    },
  );

  it('the staff function may only read kept copies; the public one never reads them', () => {
    expect(attachmentGrants['complaints/attachments']).toEqual([
      expect.objectContaining({ actions: ['s3:GetObject'], prefix: 'complaints/' }),
    ]);
    const publicReads = (attachmentGrants['complaints/public'] ?? []).filter(
      (grant) => grant.prefix === 'complaints/' && grant.actions.some((action) => action !== 's3:PutObject'),
    );
    expect(publicReads).toEqual([]);
  });
});

describe('the presigned requests the code makes', () => {
  const credentials = {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'not-a-secret',
    sessionToken: 'session',
  };
  const client = new S3Client({ region: 'ap-southeast-1', credentials });
  const key = 'pending/1b4e28ba-2fa1-4d2b-883f-0016d3cca427';

  it('posts to the bucket’s regional endpoint (the CSP’s connect source) with the exact size, key and bucket', async () => {
    const objects = await s3AttachmentObjects('yichuang-attachments-example', client);
    const started = Date.now();
    const post = await objects.presignUpload(key, 123_456, attachmentLimits.uploadSeconds);
    expect(post.url).toBe('https://yichuang-attachments-example.s3.ap-southeast-1.amazonaws.com/');
    expect(new URL(post.url).hostname).toMatch(/^[^.]+\.s3\.ap-southeast-1\.amazonaws\.com$/);
    expect(post.fields.key).toBe(key);
    const policy = JSON.parse(Buffer.from(post.fields.Policy as string, 'base64').toString()) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 123_456, 123_456],
        { key },
        { bucket: 'yichuang-attachments-example' },
        { 'X-Amz-Security-Token': 'session' },
      ]),
    );
    expect(uploadConditions(10)).toEqual([['content-length-range', 10, 10]]);
    const lifetime = Date.parse(policy.expiration) - started;
    expect(lifetime).toBeGreaterThan((attachmentLimits.uploadSeconds - 5) * 1000);
    expect(lifetime).toBeLessThanOrEqual((attachmentLimits.uploadSeconds + 1) * 1000);
    expect(post.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('opens a kept copy for five minutes, as the type it was verified as', async () => {
    const objects = await s3AttachmentObjects('yichuang-attachments-example', client);
    const url = new URL(
      await objects.openLink('complaints/TS-20261204-0001/a1.jpg', {
        contentType: 'image/jpeg',
        fileName: '附件1.jpg',
        expiresInSeconds: attachmentLimits.openSeconds,
      }),
    );
    expect(url.origin).toBe('https://yichuang-attachments-example.s3.ap-southeast-1.amazonaws.com');
    expect(url.pathname).toBe('/complaints/TS-20261204-0001/a1.jpg');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-type')).toBe('image/jpeg');
    expect(url.searchParams.get('response-content-disposition')).toContain("filename*=UTF-8''");
  });
});
