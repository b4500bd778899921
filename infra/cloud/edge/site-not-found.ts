/**
 * Lambda@Edge, origin response of the site (S3): a missing page gets the site's own 404 page.
 *
 * CloudFront reads the bucket through origin access control with read access only, so S3 answers a
 * missing key with 403 (it may not say whether the key exists) and, should LIST ever be granted,
 * 404. Both become 404 with the built `404.html`, embedded into this function's bundle at synth
 * (see edge-functions.ts): no request to S3 for it, no custom error response on the distribution
 * (those are distribution-wide and would rewrite the API's own 403/404 documents too). Every other
 * response passes untouched.
 */
import type { CloudFrontResponseEvent, CloudFrontResultResponse } from 'aws-lambda';
import { replaceBody, statusOf } from './response.ts';

/** Replaced at bundling by the contents of site/dist/404.html (esbuild `define`). */
declare const YICHUANG_NOT_FOUND_PAGE: string;

export const notFoundContentType = 'text/html; charset=utf-8';
/** A wrong URL may become a page with the next deployment (which also invalidates the cache). */
export const notFoundCacheControl = 'public, max-age=60';

export async function handler(event: CloudFrontResponseEvent): Promise<CloudFrontResultResponse> {
  const record = event.Records[0];
  if (!record) throw new Error('origin-response event without a record');
  const response = record.cf.response;
  const status = statusOf(response);
  if (status !== 403 && status !== 404) return response;
  return replaceBody(response, {
    status: 404,
    statusDescription: 'Not Found',
    contentType: notFoundContentType,
    cacheControl: notFoundCacheControl,
    body: YICHUANG_NOT_FOUND_PAGE,
  });
}
