import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress } from '../../../functions/http/public-lookup.ts';

const event = (headers: Record<string, string>, sourceIp = '198.51.100.7') => ({
  headers,
  requestContext: { http: { sourceIp } },
});

describe('the client address of a public lookup', () => {
  afterEach(() => {
    delete process.env.CLIENT_ADDRESS_HEADER;
  });

  it('is the connection source unless a trusted header is configured', () => {
    expect(clientAddress(event({ 'cloudfront-viewer-address': '203.0.113.9:46532' }))).toBe('198.51.100.7');
  });

  it('reads CloudFront’s viewer address, without the port, when configured', () => {
    process.env.CLIENT_ADDRESS_HEADER = 'CloudFront-Viewer-Address';
    expect(clientAddress(event({ 'cloudfront-viewer-address': '203.0.113.9:46532' }))).toBe('203.0.113.9');
    expect(clientAddress(event({ 'cloudfront-viewer-address': '2001:db8::1:46532' }))).toBe('2001:db8::1');
    expect(clientAddress(event({}))).toBe('198.51.100.7');
  });
});
