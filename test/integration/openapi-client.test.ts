import { randomUUID } from 'node:crypto';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/http/openapi.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * The typed client of test/unit/http/openapi-client.test.ts, run for real against the local
 * runtime, and the document the runtime serves checked by the same validator.
 */

// A computed specifier keeps the project's tsc from following it: the script's generated types
// exist only in the unit test's temporary folder. Its one import of them is type-only.
const typedClientScript = '../unit/http/fixtures/typed-client.ts';
type TypedClient = {
  intakeAcceptAndLookUp(
    baseUrl: string,
    clerkToken: string,
    idempotencyKey: string,
  ): Promise<{ caseNo: string; acceptedVersion: number; publicStatus: string; publicSteps: string[] }>;
};

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.stop();
});

describe('the OpenAPI document, served and used', () => {
  it('is served as generated, and valid', async () => {
    const served = (await (await fetch(`${runtime.baseUrl}/api/openapi.json`)).json()) as object;
    expect(served).toEqual(openApiDocument(packageJson.version));
    await expect(SwaggerParser.validate(served as never)).resolves.toBeTruthy();
  });

  it('drives intake, acceptance and the public lookup through the typed client', async () => {
    const { intakeAcceptAndLookUp } = (await import(typedClientScript)) as TypedClient;
    const token = await runtime.identity.issue('clerk');
    const walk = await intakeAcceptAndLookUp(runtime.baseUrl, token, randomUUID());
    expect(walk).toEqual({
      caseNo: expect.stringMatching(/^YC\d{4}-\d{8}-\d{4}$/),
      acceptedVersion: 2,
      publicStatus: 'accepted',
      publicSteps: ['收件', '受理'],
    });
  });
});
