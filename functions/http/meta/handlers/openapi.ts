import { readFunctionEnvironment } from '../../../config/env.ts';
import { openApiDocument } from '../../openapi.ts';
import { httpHandler } from '../http-handler.ts';

const document = openApiDocument(readFunctionEnvironment().version);

export const handler = httpHandler(async () => ({
  status: 200,
  body: document,
  headers: { 'cache-control': 'public, max-age=300' },
}));
