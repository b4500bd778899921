import { readFunctionEnvironment } from '../../../config/env.ts';
import { httpHandler } from '../../handler.ts';
import { openApiDocument } from '../../openapi.ts';

const document = openApiDocument(readFunctionEnvironment().version);

export const handler = httpHandler(async () => ({
  status: 200,
  body: document,
  headers: { 'cache-control': 'public, max-age=300' },
}));
