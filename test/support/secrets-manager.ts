/**
 * A stand-in for AWS Secrets Manager on a loopback port, speaking the service's JSON protocol for
 * the one call the functions make (GetSecretValue by version stage), so the real SDK client and the
 * real middleware run against it (`AWS_ENDPOINT_URL_SECRETS_MANAGER`). Versions move between stages
 * as PutSecretValue moves them: the new one becomes AWSCURRENT, the old AWSCURRENT becomes
 * AWSPREVIOUS. `failing` injects a service error.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Version {
  id: string;
  value: string;
  stages: Set<string>;
}

export interface SecretsManagerStandIn {
  endpoint: string;
  /** The secret's id as the functions are configured with it. */
  secretId: string;
  /** A new value, staged as PutSecretValue stages it. */
  put(value: string): void;
  /** Answer every call with a 500 while true. */
  failing: boolean;
  /** GetSecretValue calls answered so far. */
  readonly calls: number;
  close(): Promise<void>;
}

export async function startSecretsManager(initialValue: string): Promise<SecretsManagerStandIn> {
  const secretId = 'arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:origin-verify-AbCdEf';
  const versions: Version[] = [];
  let calls = 0;

  const put = (value: string) => {
    for (const version of versions) {
      version.stages.delete('AWSPREVIOUS');
      if (version.stages.delete('AWSCURRENT')) version.stages.add('AWSPREVIOUS');
    }
    versions.push({ id: randomUUID(), value, stages: new Set(['AWSCURRENT']) });
  };
  put(initialValue);

  const state = { failing: false };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: Record<string, unknown>, errorType?: string) => {
        response.writeHead(status, {
          'content-type': 'application/x-amz-json-1.1',
          ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
        });
        response.end(JSON.stringify(errorType ? { __type: errorType, ...body } : body));
      };
      if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
        answer(
          400,
          { message: `not in the stand-in: ${request.headers['x-amz-target']}` },
          'InvalidRequestException',
        );
        return;
      }
      calls += 1;
      if (state.failing) {
        answer(500, { message: 'injected failure' }, 'InternalServiceError');
        return;
      }
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        SecretId?: string;
        VersionStage?: string;
      };
      const stage = input.VersionStage ?? 'AWSCURRENT';
      const version = versions.find((candidate) => candidate.stages.has(stage));
      if (input.SecretId !== secretId || !version) {
        answer(
          400,
          { message: "Secrets Manager can't find the specified secret value" },
          'ResourceNotFoundException',
        );
        return;
      }
      answer(200, {
        ARN: secretId,
        Name: 'origin-verify',
        VersionId: version.id,
        SecretString: version.value,
        VersionStages: [...version.stages],
        CreatedDate: Date.now() / 1000,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    secretId,
    put,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    get calls() {
      return calls;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
