/**
 * The cases backend in the cloud: the KMS keys of the personal-data cipher, the variables and
 * grants of exactly the functions that use them, the idempotency table of intake, and the viewer
 * address that public-progress limits by. Checked against the synthesized template and against the
 * bundles and sources of the functions, so a handler that starts using the cipher (or idempotency)
 * without its wiring fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../functions/config/env.ts';
import { personalDataEnv } from '../../functions/store/personal-data/cipher.ts';
import { idempotencyActions } from '../../infra/cloud/data.ts';
import {
  clientAddressHandlers,
  clientAddressHeader,
  clientAddressHeaderEnv,
  handlerModuleOf,
  idempotentHandlers,
  personalDataHandlers,
  personalDataJobs,
} from '../../infra/cloud/lambdas.ts';
import { personalDataEncryptionContext } from '../../infra/cloud/personal-data.ts';
import { viewerAddressHeader } from '../../infra/cloud/site.ts';
import { type FunctionDefinition, functionDefinitions, projectRoot } from '../../infra/functions.ts';
import {
  assetDirOf,
  type Resource,
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

type Statement = {
  Action: string | string[];
  Effect: string;
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

const definitions = functionDefinitions();
const fnId = (definition: FunctionDefinition) => synth.id(synth.stack.lambdas.get(definition.name));
const variables = (definition: FunctionDefinition) =>
  (
    resource(synth.template, fnId(definition)).Properties.Environment as {
      Variables: Record<string, unknown>;
    }
  ).Variables;

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

const actionsOf = (statement: Statement) => [statement.Action].flat();
const keyArn = (key: 'encryptionKey' | 'hmacKey') => ({
  'Fn::GetAtt': [synth.id(synth.stack.personalData[key]), 'Arn'],
});
const kmsStatements = (definition: FunctionDefinition) =>
  statementsOf(definition).filter((statement) =>
    actionsOf(statement).some((action) => action.startsWith('kms:')),
  );

const bundle = (definition: FunctionDefinition) =>
  readFileSync(
    path.join(assetDirOf(synth.assemblyDir, synth.template, fnId(definition)), 'index.mjs'),
    'utf8',
  );

const usesCipher = (definition: FunctionDefinition) =>
  personalDataHandlers.includes(handlerModuleOf(definition) ?? '') ||
  personalDataJobs.includes(definition.name);

describe('the personal-data keys', () => {
  const key = (name: 'encryptionKey' | 'hmacKey'): Resource =>
    resource(synth.template, synth.id(synth.stack.personalData[name]));

  it('are a rotated symmetric encryption key and an HMAC_256 key, both retained', () => {
    const encryption = key('encryptionKey');
    expect(encryption.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
    expect(encryption.Properties.KeyUsage ?? 'ENCRYPT_DECRYPT').toBe('ENCRYPT_DECRYPT');
    expect(encryption.Properties.EnableKeyRotation).toBe(true);
    const hmac = key('hmacKey');
    expect(hmac.Properties.KeySpec).toBe('HMAC_256');
    expect(hmac.Properties.KeyUsage).toBe('GENERATE_VERIFY_MAC');
    expect(hmac.Properties.EnableKeyRotation).toBeUndefined();
    for (const found of [encryption, hmac]) {
      expect(found.DeletionPolicy).toBe('Retain');
      expect(found.UpdateReplacePolicy).toBe('Retain');
    }
  });

  it("grant with the cipher's own encryption context (read from store/personal-data/kms.ts)", () => {
    const source = readFileSync(
      path.join(projectRoot, 'functions', 'store', 'personal-data', 'kms.ts'),
      'utf8',
    );
    const context = /const encryptionContext = \{ purpose: '([^']+)' \}/.exec(source)?.[1];
    expect(context).toBe(personalDataEncryptionContext.purpose);
  });
});

describe('the functions that seal, open or hash personal data', () => {
  it('are exactly the handlers whose bundle builds the cipher: intake (cases and bundles), applicant, progress, complaints, rating tokens (of cases and bundles), ticket limits, appointments', () => {
    expect([...personalDataHandlers].sort()).toEqual([
      'bundles/intake',
      'bundles/rating-link',
      'cases/applicant',
      'cases/create',
      'cases/public-progress',
      'complaints/public',
      'complaints/read',
      'complaints/register',
      'counter/appointments',
      'counter/tickets',
      'ratings/link',
      'ratings/public',
    ]);
    // The messages job opens the phone a message goes to.
    expect(personalDataJobs).toEqual(['MessagesDelivery']);
    for (const definition of definitions) {
      // The cipher's variable names are in a bundle exactly when personalDataCipher() is in it.
      expect(bundle(definition).includes(personalDataEnv.kmsKeyId), definition.name).toBe(
        usesCipher(definition),
      );
    }
  });

  it.each(definitions.map((definition) => [definition.name, definition] as const))(
    '%s has the key variables and KMS grants exactly when it uses the cipher',
    (_, definition) => {
      const env = variables(definition);
      const kms = kmsStatements(definition);
      if (!usesCipher(definition)) {
        expect(env[personalDataEnv.kmsKeyId]).toBeUndefined();
        expect(env[personalDataEnv.hmacKeyId]).toBeUndefined();
        expect(kms).toEqual([]);
        return;
      }
      expect(env[personalDataEnv.kmsKeyId]).toEqual(keyArn('encryptionKey'));
      expect(env[personalDataEnv.hmacKeyId]).toEqual(keyArn('hmacKey'));
      expect(env[personalDataEnv.localKey]).toBeUndefined();

      const seal = kms.find((statement) => actionsOf(statement).includes('kms:GenerateDataKey'));
      expect(seal).toBeDefined();
      expect(new Set(actionsOf(seal as Statement))).toEqual(new Set(['kms:GenerateDataKey', 'kms:Decrypt']));
      expect(seal?.Effect).toBe('Allow');
      expect(seal?.Resource).toEqual(keyArn('encryptionKey'));
      expect(seal?.Condition).toEqual({
        StringEquals: { 'kms:EncryptionContext:purpose': 'yichuang-personal-data' },
        'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['purpose'] },
      });

      const mac = kms.find((statement) => actionsOf(statement).includes('kms:GenerateMac'));
      expect(actionsOf(mac as Statement)).toEqual(['kms:GenerateMac']);
      expect(mac?.Resource).toEqual(keyArn('hmacKey'));
      expect(mac?.Condition).toBeUndefined();

      // Nothing else on either key: no Encrypt, no key management, no wildcard.
      expect(kms).toHaveLength(2);
    },
  );
});

describe('the viewer address of the public routes that rate-limit per client', () => {
  it('is read from CloudFront-Viewer-Address by progress, complaint, rating, ticket and appointment routes, and only by them', () => {
    expect([...clientAddressHandlers].sort()).toEqual([
      'cases/public-progress',
      'complaints/public',
      'counter/appointments',
      'counter/tickets',
      'ratings/public',
    ]);
    for (const definition of definitions) {
      const env = variables(definition);
      if (clientAddressHandlers.includes(handlerModuleOf(definition) ?? '')) {
        expect(env[clientAddressHeaderEnv]).toBe('cloudfront-viewer-address');
        expect(clientAddressHeader).toBe(viewerAddressHeader.toLowerCase());
        expect(bundle(definition)).toContain(`process.env.${clientAddressHeaderEnv}`);
      } else {
        expect(env[clientAddressHeaderEnv], definition.name).toBeUndefined();
      }
    }
  });

  it('is forwarded on /api/* by the managed AllViewerExceptHostHeader policy, which adds the viewer headers', () => {
    const distribution = resource(synth.template, synth.id(synth.stack.site.distribution)).Properties
      .DistributionConfig as { CacheBehaviors: { PathPattern: string; OriginRequestPolicyId?: string }[] };
    const api = distribution.CacheBehaviors.find((behavior) => behavior.PathPattern === '/api/*');
    expect(api?.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
  });
});

describe('the idempotency table', () => {
  it('is used through Powertools by exactly the handlers that get it (sources checked)', () => {
    const jobs = path.join(projectRoot, 'functions', 'jobs');
    const sources = [
      ...definitions.filter((definition) => definition.kind === 'http').map((definition) => definition.entry),
      ...readdirSync(jobs)
        .filter((file) => file.endsWith('.ts'))
        .map((file) => path.join(jobs, file)),
    ];
    const users = sources
      .filter((file) => /\bmakeIdempotent\s*\(/.test(readFileSync(file, 'utf8')))
      .map((file) => {
        const definition = definitions.find((candidate) => candidate.entry === file);
        return (definition && handlerModuleOf(definition)) ?? path.basename(file, '.ts');
      });
    expect(users.sort()).toEqual([...idempotentHandlers].sort());
  });

  it.each(definitions.map((definition) => [definition.name, definition] as const))(
    '%s may read and write it (DeleteItem included) exactly when it uses it',
    (_, definition) => {
      const table = { 'Fn::GetAtt': [synth.id(synth.stack.data.idempotencyTable), 'Arn'] };
      const onTable = statementsOf(definition).filter(
        (statement) => JSON.stringify(statement.Resource) === JSON.stringify(table),
      );
      const idempotent = idempotentHandlers.includes(handlerModuleOf(definition) ?? '');
      if (!idempotent) {
        expect(onTable).toEqual([]);
        return;
      }
      expect(new Set(onTable.flatMap(actionsOf))).toEqual(new Set(idempotencyActions));
      expect(idempotencyActions).toContain('dynamodb:DeleteItem');
      expect(variables(definition)[envNames.idempotencyTableName]).toEqual({
        Ref: synth.id(synth.stack.data.idempotencyTable),
      });
    },
  );
});
