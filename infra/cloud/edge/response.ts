/**
 * What both origin-response functions do to a CloudFront response: read its status and media type,
 * and replace its body. Lambda@Edge never shows the origin's body to an origin-response function;
 * setting `body` replaces it, leaving it unset passes the origin's body on (CloudFront Developer
 * Guide, "Update HTTP responses in origin response triggers":
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-updating-http-responses.html).
 *
 * A response that is not replaced is returned as it came. A replaced one keeps the origin's headers
 * but for the few that describe the new body, so the ones a function may not touch
 * (Transfer-Encoding and Via are read-only in origin-response events) stay exactly as they were.
 */
import type { CloudFrontResponse, CloudFrontResultResponse } from 'aws-lambda';

/** The status as a number (CloudFront passes it as a string). */
export function statusOf(response: CloudFrontResponse): number {
  return Number(response.status);
}

/** The media type of the response, lower case, without parameters; '' when there is none. */
export function mediaTypeOf(response: CloudFrontResponse): string {
  const value = response.headers['content-type']?.[0]?.value ?? '';
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

export interface Replacement {
  status: number;
  statusDescription?: string;
  contentType: string;
  cacheControl: string;
  body: string;
}

/**
 * The response with a body of ours. The origin's Content-Encoding described the origin's body, not
 * this one, so it goes; CloudFront computes the length of the new body itself.
 */
export function replaceBody(
  response: CloudFrontResponse,
  replacement: Replacement,
): CloudFrontResultResponse {
  const headers = { ...response.headers };
  delete headers['content-encoding'];
  headers['content-type'] = [{ key: 'Content-Type', value: replacement.contentType }];
  headers['cache-control'] = [{ key: 'Cache-Control', value: replacement.cacheControl }];
  return {
    status: String(replacement.status),
    statusDescription: replacement.statusDescription ?? response.statusDescription,
    headers,
    bodyEncoding: 'text',
    body: replacement.body,
  };
}
