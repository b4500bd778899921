import { describe, expect, it } from 'vitest';
import { ResponseShapeError, toGatewayResponse } from '../../../infra/local/api-gateway.ts';

describe('the response shape API Gateway (payload 2.0) accepts', () => {
  it('passes a structured result through', () => {
    const response = toGatewayResponse({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', 'X-Count': 2 },
      cookies: ['a=1'],
      body: '{"ok":true}',
    });
    expect(response.status).toBe(201);
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'x-count': '2' });
    expect(response.cookies).toEqual(['a=1']);
    expect(response.body.toString()).toBe('{"ok":true}');
  });

  it('decodes a base64 body', () => {
    const response = toGatewayResponse({
      statusCode: 200,
      isBase64Encoded: true,
      body: Buffer.from('二进制').toString('base64'),
    });
    expect(response.body.toString()).toBe('二进制');
  });

  it('treats a result without statusCode as a 200 JSON body, as API Gateway does', () => {
    const response = toGatewayResponse({ ok: true });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ ok: true });
  });

  it.each([
    [{ statusCode: '200' }, 'statusCode'],
    [{ statusCode: 200, body: { ok: true } }, 'body must be a string'],
    [{ statusCode: 200, headers: { x: { nested: true } } }, 'header x'],
    [{ statusCode: 200, cookies: 'a=1' }, 'cookies'],
    [{ statusCode: 200, isBase64Encoded: 'yes' }, 'isBase64Encoded'],
  ])('refuses a misshaped result %j', (result, message) => {
    expect(() => toGatewayResponse(result)).toThrow(ResponseShapeError);
    expect(() => toGatewayResponse(result)).toThrow(message);
  });
});
