import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { readFunctionEnvironment } from '../../../config/env.ts';
import { dynamoDocumentClient } from '../../../store/client.ts';
import { logger } from '../../observability.ts';
import { serviceUnavailable } from '../../problems.ts';
import { httpHandler } from '../http-handler.ts';
import type { Health } from '../schemas.ts';

const environment = readFunctionEnvironment();

export const handler = httpHandler(async () => {
  try {
    // A read of a key that never exists: proves the table answers, costs half a read unit.
    await dynamoDocumentClient().send(
      new GetCommand({ TableName: environment.tableName, Key: { pk: 'health', sk: 'health' } }),
    );
  } catch (error) {
    logger.error('Table did not answer', { error: error as Error });
    throw serviceUnavailable('数据存储暂时无法访问。');
  }
  const body: Health = { status: 'ok', version: environment.version, time: new Date().toISOString() };
  return { status: 200, body };
});
