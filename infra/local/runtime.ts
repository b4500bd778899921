/**
 * The whole system on one machine: the embedded store, the identity issuer, the function host,
 * the API gateway stand-in, the attachment store's endpoints, the scheduled sweep and the built
 * site, behind one port.
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { checkAppraisalRule } from '../../functions/config/appraisal.ts';
import { centreConfig } from '../../functions/config/centre.ts';
import { checkCounterSettings } from '../../functions/config/counter-check.ts';
import { envNames } from '../../functions/config/env.ts';
import { checkGeneralWindows } from '../../functions/config/windows-check.ts';
import { recordStaff } from '../../functions/store/appraisal/staff-directory.ts';
import { attachmentEnv } from '../../functions/store/complaints/attachments.ts';
import { localAttachmentKey } from '../../functions/store/complaints/attachments-local.ts';
import { ledgerArchiveEnv } from '../../functions/store/figures/ledger-archive.ts';
import { personalDataEnv } from '../../functions/store/personal-data/cipher.ts';
import { loadOrCreateLocalPersonalDataKey } from '../../functions/store/personal-data/local-key.ts';
import { idempotencyTable, table } from '../../functions/store/table.ts';
import { projectRoot } from '../functions.ts';
import { securityHeaders } from '../security-headers.ts';
import { createApiGateway, payloadLimitBytes } from './api-gateway.ts';
import { createLocalAttachments } from './attachments.ts';
import { type FunctionHost, startFunctionHost } from './function-host.ts';
import {
  demoUsers,
  type IdentityIssuer,
  localAudience,
  localIssuer,
  openIdentityIssuer,
} from './identity.ts';
import { createLocalOAuth } from './oauth.ts';
import { type LocalScheduler, startScheduler } from './scheduler.ts';
import type { LocalSettings } from './settings.ts';
import { serveSite } from './static-site.ts';
import { type LocalStore, localCredentials, localRegion, localTableName, startStore } from './store.ts';

export interface LocalRuntime {
  url: string;
  port: number;
  store: LocalStore;
  identity: IdentityIssuer;
  host: FunctionHost;
  stop(): Promise<void>;
}

export const jwksPath = '/local-idp/.well-known/jwks.json';

async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** The environment the CDK stack gives every function, with local values. */
export async function functionEnvironment(
  store: LocalStore,
  settings: LocalSettings,
): Promise<Record<string, string>> {
  const personalDataKey = await loadOrCreateLocalPersonalDataKey(settings.dataDir);
  return {
    [envNames.tableName]: localTableName(table),
    [envNames.idempotencyTableName]: localTableName(idempotencyTable),
    [envNames.eventBusName]: 'yichuang-local',
    EVENT_BUS_MODE: 'local',
    [envNames.version]: await packageVersion(),
    [envNames.dynamoEndpoint]: store.endpoint,
    // The local gateway is the edge: no origin secret, whatever the shell that started it holds.
    [envNames.originSecretArn]: '',
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    POWERTOOLS_SERVICE_NAME: 'yichuang',
    POWERTOOLS_LOG_LEVEL: settings.logLevel,
    POWERTOOLS_METRICS_DISABLED: 'true',
    // Personal data is sealed with a key generated once into the data folder (KMS in the cloud).
    [personalDataEnv.localKey]: personalDataKey,
    // Attachments: files in the data folder, behind the runtime's upload and file endpoints (S3 in the cloud).
    [attachmentEnv.localDir]: path.join(settings.dataDir, 'attachments'),
    [attachmentEnv.localKey]: localAttachmentKey(personalDataKey),
    // The archived ledger of each closed month: files under <data folder>/ledger/ (S3 and Athena in the cloud).
    [ledgerArchiveEnv.localDir]: settings.dataDir,
  };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading past the limit only to count; the gateway answers 413.
      if (size <= payloadLimitBytes + 1) chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startRuntime(
  settings: LocalSettings,
  log: (line: string) => void = (line) => console.log(line),
): Promise<LocalRuntime> {
  // A wrong counter configuration (a category naming an unknown window…) stops the start, naming the key.
  checkCounterSettings();
  // And general windows whose back-office window is not one of its department's.
  checkGeneralWindows();
  // So does a wrong appraisal rule (appraisal.json): the error names the key.
  checkAppraisalRule();
  const store = await startStore(settings.dataDir);
  // The staff directory the appraisal reads names from: the demo users, as the issuer knows them.
  await recordStaff(
    localTableName(table),
    centreConfig.code,
    demoUsers.map((user) => ({
      username: user.username,
      name: user.displayName,
      roles: user.roles,
      ...(user.department ? { department: user.department } : {}),
      ...(user.window ? { window: user.window } : {}),
    })),
    DynamoDBDocumentClient.from(store.client, { marshallOptions: { removeUndefinedValues: true } }),
  );
  const identity = await openIdentityIssuer(settings.dataDir);
  const environment = await functionEnvironment(store, settings);
  const host = startFunctionHost(environment);
  const attachments = createLocalAttachments(
    environment[attachmentEnv.localDir] as string,
    Buffer.from(environment[attachmentEnv.localKey] as string, 'base64'),
  );
  await attachments.sweep();
  // The local counterpart of the bucket's lifecycle rule: hourly, while the timers run.
  const attachmentSweep = settings.schedule
    ? setInterval(
        () => void attachments.sweep().catch((error: Error) => log(`attachment sweep: ${error.message}`)),
        3_600_000,
      ).unref()
    : undefined;
  const gateway = createApiGateway(host, identity, log);
  const oauth = createLocalOAuth(identity);
  const scheduler: LocalScheduler | undefined = settings.schedule ? startScheduler(host, log) : undefined;

  const inFlight = new Set<Promise<void>>();
  const respond = async (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    let status: number;
    let headers: Record<string, string>;
    let body: Buffer;
    let cookies: string[] = [];
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      ({ status, headers, body, cookies } = await gateway.handle(request, await readBody(request)));
    } else if (attachments.handles(method, url.pathname)) {
      ({ status, headers, body } = await attachments.handle(request, url));
    } else if (oauth.handles(url.pathname)) {
      // The desk's sign-in: /desk/config.json and the local OAuth endpoints (infra/local/oauth.ts).
      const requestBody = method === 'POST' ? await readBody(request) : Buffer.alloc(0);
      ({ status, headers, body } = await oauth.handle(method, url, request.headers, requestBody));
    } else if (url.pathname === jwksPath) {
      status = 200;
      headers = { 'content-type': 'application/json' };
      body = Buffer.from(JSON.stringify(identity.jwks));
    } else if (method === 'GET' || method === 'HEAD') {
      ({ status, headers, body } = await serveSite(settings.siteDir, url.pathname));
    } else {
      status = 405;
      headers = { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' };
      body = Buffer.from('405 Method Not Allowed');
    }
    response.writeHead(status, {
      ...securityHeaders,
      ...headers,
      ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}),
      'content-length': String(body.length),
    });
    response.end(method === 'HEAD' ? undefined : body);
    if (url.pathname.startsWith('/api')) {
      log(`${method} ${url.pathname} ${status} ${(performance.now() - started).toFixed(0)}ms`);
    }
  };

  const server = createServer((request, response) => {
    const work = respond(request, response).catch((error: Error) => {
      log(`${request.method} ${request.url} failed: ${error.stack ?? error.message}`);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('500 Internal Server Error');
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  server.listen(settings.port, settings.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const shownHost =
    settings.host === '127.0.0.1' || settings.host === '0.0.0.0' ? 'localhost' : settings.host;

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    store,
    identity,
    host,
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.all(inFlight);
        server.closeAllConnections();
        await closed;
        clearInterval(attachmentSweep);
        await scheduler?.stop();
        await host.stop();
        await store.stop();
      })();
      return stopping;
    },
  };
}

export const localIdentity = { issuer: localIssuer, audience: localAudience, jwksPath };
