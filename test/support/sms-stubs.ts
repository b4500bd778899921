/**
 * Stand-ins for the two SMS providers on a loopback port, recording every request as it arrived
 * (method, path and query, headers, body), so the adapters' real SDK clients run against them and a
 * test checks the request's shape: AWS End User Messaging's JSON protocol (`X-Amz-Target:
 * PinpointSMSVoiceV2.SendTextMessage`, SigV4) and Alibaba Cloud's RPC style (the parameters in the
 * query, ACS3-HMAC-SHA256). `mode` injects a provider's answer: accepted, throttled, a refusal no
 * retry cures, or an outage.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubMode = 'ok' | 'throttled' | 'refused' | 'down';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SmsStub {
  endpoint: string;
  requests: RecordedRequest[];
  mode: StubMode;
  close(): Promise<void>;
}

type Answer = { status: number; headers: Record<string, string>; body: string };

function awsAnswer(mode: StubMode, serial: number): Answer {
  const json = 'application/x-amz-json-1.0';
  const error = (status: number, type: string) => ({
    status,
    headers: { 'content-type': json, 'x-amzn-errortype': type },
    body: JSON.stringify({ __type: type, message: `stub: ${type}` }),
  });
  switch (mode) {
    case 'ok':
      return {
        status: 200,
        headers: { 'content-type': json },
        body: JSON.stringify({ MessageId: `aws-${serial}` }),
      };
    case 'throttled':
      return error(400, 'ThrottlingException');
    case 'refused':
      return error(400, 'ValidationException');
    case 'down':
      return error(500, 'InternalServerException');
  }
}

function aliyunAnswer(mode: StubMode, serial: number): Answer {
  const json = { 'content-type': 'application/json' };
  const body = (code: string) =>
    JSON.stringify({
      Code: code,
      Message: `stub: ${code}`,
      RequestId: `r-${serial}`,
      ...(code === 'OK' ? { BizId: `biz-${serial}` } : {}),
    });
  switch (mode) {
    case 'ok':
      return { status: 200, headers: json, body: body('OK') };
    case 'throttled':
      return { status: 200, headers: json, body: body('isv.BUSINESS_LIMIT_CONTROL') };
    case 'refused':
      return { status: 200, headers: json, body: body('isv.MOBILE_NUMBER_ILLEGAL') };
    case 'down':
      return {
        status: 503,
        headers: json,
        body: JSON.stringify({ Code: 'ServiceUnavailable', Message: 'stub: down', RequestId: `r-${serial}` }),
      };
  }
}

export async function startSmsStub(provider: 'aws' | 'aliyun'): Promise<SmsStub> {
  const requests: RecordedRequest[] = [];
  const state = { mode: 'ok' as StubMode };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stub');
      requests.push({
        method: request.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = (provider === 'aws' ? awsAnswer : aliyunAnswer)(state.mode, requests.length);
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    get mode() {
      return state.mode;
    },
    set mode(value: StubMode) {
      state.mode = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
