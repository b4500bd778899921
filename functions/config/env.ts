/**
 * Names of the environment variables the handlers read. The CDK stack sets them on every Lambda
 * function; the local runtime sets the same names before it loads the handlers.
 */
export const envNames = {
  tableName: 'TABLE_NAME',
  eventBusName: 'EVENT_BUS_NAME',
  idempotencyTableName: 'IDEMPOTENCY_TABLE_NAME',
  version: 'YICHUANG_VERSION',
  /**
   * The Secrets Manager secret whose value CloudFront adds to every `/api/*` origin request
   * (functions/http/origin-check.ts). The CDK stack sets it on every HTTP function; the local
   * runtime leaves it empty, since its gateway is the edge there.
   */
  originSecretArn: 'ORIGIN_SECRET_ARN',
  /** Which adapter sends SMS: `outbox` (default), `aws` or `aliyun` (functions/config/messages.ts). */
  messagesAdapter: 'MESSAGES_ADAPTER',
  /**
   * Cloud: the Secrets Manager secret holding the SMS provider's credentials and sender ids as JSON
   * (store/messages/credentials.ts). Only the messages job has it.
   */
  messagesSecretArn: 'MESSAGES_SECRET_ARN',
  /** One machine only: the same JSON in the environment, for trying a real provider without AWS. */
  messagesCredentials: 'MESSAGES_CREDENTIALS',
  /** Tests: another Alibaba Cloud SMS endpoint (`http://127.0.0.1:port`), e.g. a stub. */
  messagesAliyunEndpoint: 'MESSAGES_ALIYUN_ENDPOINT',
  /** Set by the local runtime only: the DynamoDB endpoint of the embedded store. */
  dynamoEndpoint: 'AWS_ENDPOINT_URL_DYNAMODB',
} as const;

export interface FunctionEnvironment {
  tableName: string;
  eventBusName: string;
  version: string;
}

export function readFunctionEnvironment(env: NodeJS.ProcessEnv = process.env): FunctionEnvironment {
  return {
    tableName: env[envNames.tableName] ?? 'yichuang',
    eventBusName: env[envNames.eventBusName] ?? 'yichuang',
    version: env[envNames.version] ?? 'dev',
  };
}

/** The single table's name, as the running function was configured. */
export function tableName(): string {
  return readFunctionEnvironment().tableName;
}
