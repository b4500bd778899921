import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { isCatchAll } from '../../functions/http/openapi.ts';
import { routes } from '../../functions/http/routes.ts';
import { table, tables } from '../../functions/store/table.ts';
import { projectRoot } from '../../infra/functions.ts';
import { localCredentials, localRegion } from '../../infra/local/store.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { makeDataDir, startTestRuntime } from '../support/runtime.ts';

const documentClient = (client: DynamoDBClient) => DynamoDBDocumentClient.from(client);

describe('the local runtime', () => {
  const dataDirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('serves health and the OpenAPI document, and keeps data across a restart', async () => {
    const dataDir = await makeDataDir();
    dataDirs.push(dataDir);

    const first = await startTestRuntime({ dataDir, keepData: true });
    const health = await fetch(`${first.baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toContain('application/json');
    expect(await health.json()).toMatchObject({ status: 'ok', version: packageJson.version });

    const openapi = await fetch(`${first.baseUrl}/api/openapi.json`);
    expect(openapi.status).toBe(200);
    const document = (await openapi.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    for (const route of routes.filter((route) => !isCatchAll(route)))
      expect(document.paths[route.path]).toHaveProperty(route.method.toLowerCase());

    const item = { pk: 'test#restart', sk: 'note', text: '重启前写入', at: new Date().toISOString() };
    await documentClient(first.store.client).send(
      new PutCommand({ TableName: table.logicalName, Item: item }),
    );
    await first.stop();

    const second = await startTestRuntime({ dataDir, keepData: true });
    try {
      const read = await documentClient(second.store.client).send(
        new GetCommand({ TableName: table.logicalName, Key: { pk: item.pk, sk: item.sk } }),
      );
      expect(read.Item).toEqual(item);
      expect((await fetch(`${second.baseUrl}/api/health`)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('creates every table from the one table definition', async () => {
    const runtime = await startTestRuntime();
    try {
      for (const definition of tables) {
        const { Table } = await runtime.store.client.send(
          new DescribeTableCommand({ TableName: definition.logicalName }),
        );
        expect(Table?.KeySchema).toEqual([
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          ...(definition.sortKey ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' }] : []),
        ]);
        expect(
          (Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index.KeySchema]),
        ).toEqual(
          definition.globalIndexes.map((index) => [
            index.name,
            [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
              ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
            ],
          ]),
        );
      }
    } finally {
      await runtime.stop();
    }
  });

  it('serves the built site at / with the security headers', async () => {
    const runtime = await startTestRuntime();
    try {
      const home = await fetch(`${runtime.baseUrl}/`);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toContain('text/html');
      expect(home.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await home.text()).toContain('lang="zh-CN"');
      const missing = await fetch(`${runtime.baseUrl}/no/such/page/`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('lang="zh-CN"');
      const traversal = await fetch(`${runtime.baseUrl}/..%2f..%2fpackage.json`);
      expect(traversal.status).toBe(404);
    } finally {
      await runtime.stop();
    }
  });

  it('answers an unknown API path and a wrong method with problem+json', async () => {
    const runtime = await startTestRuntime();
    try {
      const unknown = await fetch(`${runtime.baseUrl}/api/no-such-thing`);
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toBe('application/problem+json');
      const wrongMethod = await fetch(`${runtime.baseUrl}/api/health`, { method: 'DELETE' });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('GET');
      expect(await wrongMethod.json()).toMatchObject({ status: 405, title: '请求方法不被允许' });
    } finally {
      await runtime.stop();
    }
  });
});

describe('npm start as a process', () => {
  it('shuts down cleanly on SIGTERM and loses nothing written', async () => {
    const dataDir = await makeDataDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        PORT: '0',
        YICHUANG_DATA_DIR: dataDir,
        YICHUANG_SCHEDULE: 'off',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      const started = Date.now();
      while (!/DynamoDB\s+(http\S+)/.test(output)) {
        if (Date.now() - started > 60_000 || child.exitCode !== null)
          throw new Error(`did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const url = /running at (http\S+)/.exec(output)?.[1] as string;
      const endpoint = /DynamoDB\s+(http\S+)/.exec(output)?.[1] as string;
      expect((await fetch(`${url}/api/health`)).status).toBe(200);

      const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
      const items = Array.from({ length: 50 }, (_, index) => ({
        pk: 'test#sigterm',
        sk: `n${index}`,
        index,
      }));
      await Promise.all(
        items.map((item) =>
          documentClient(client).send(new PutCommand({ TableName: table.logicalName, Item: item })),
        ),
      );
      client.destroy();

      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code, output).toBe(0);
      expect(output).toContain('Stopped.');

      const runtime = await startTestRuntime({ dataDir, keepData: true });
      try {
        for (const item of items) {
          const read = await documentClient(runtime.store.client).send(
            new GetCommand({ TableName: table.logicalName, Key: { pk: item.pk, sk: item.sk } }),
          );
          expect(read.Item).toEqual(item);
        }
      } finally {
        await runtime.stop();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
