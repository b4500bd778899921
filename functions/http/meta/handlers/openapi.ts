import { existsSync, readFileSync } from 'node:fs';
import { readFunctionEnvironment } from '../../../config/env.ts';
import { httpHandler } from '../http-handler.ts';

const { version } = readFunctionEnvironment();

/**
 * The document as it was written beside the bundle when the function was built (infra/functions.ts
 * builtFilesOf), with the deployment's version; built here from the route table when run unbundled.
 */
async function documentOf(): Promise<Record<string, unknown>> {
  const built = new URL('./openapi.json', import.meta.url);
  if (existsSync(built)) {
    const document = JSON.parse(readFileSync(built, 'utf8')) as { info: Record<string, unknown> };
    return { ...document, info: { ...document.info, version } };
  }
  return (await import('../../openapi.ts')).openApiDocument(version);
}

const document = await documentOf();

export const handler = httpHandler(async () => ({
  status: 200,
  body: document,
  headers: { 'cache-control': 'public, max-age=300' },
}));
