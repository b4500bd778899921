/**
 * Lambda@Edge, origin response of `/api/*`: API Gateway's own answers as RFC 9457 documents.
 *
 * The HTTP API answers some requests itself, before or instead of a function, with a bare
 * `{"message": "…"}` in application/json: the JWT authorizer's 401 (token missing, invalid,
 * expired or wrongly signed), 429 when throttled, 413, 404 for no route, 500/503/504 when the
 * integration fails. HTTP APIs cannot customise these. This function replaces any error response
 * that is not already `application/problem+json` with `gatewayProblem(status)`, the document the
 * local gateway (infra/local/api-gateway.ts) answers with; the functions' own problem documents,
 * successes and redirects pass untouched. No route logic lives here.
 *
 * Origin-response functions run for error statuses too ("the function executes even if an error
 * is returned from the origin": CloudFront Developer Guide, "CloudFront events that can trigger a
 * Lambda@Edge function",
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-cloudfront-trigger-events.html),
 * whereas viewer-response functions never see a status of 400 or more. Errors CloudFront makes
 * itself without an origin response (502 when the API cannot be reached, a WAF block) are not
 * origin responses and do not pass here.
 */
import type { CloudFrontResponseEvent, CloudFrontResultResponse } from 'aws-lambda';
import { gatewayProblem, problemContentType } from '../../../functions/http/problems.ts';
import { mediaTypeOf, replaceBody, statusOf } from './response.ts';

/** API errors are never stored: not by CloudFront (the behaviour does not cache), not by browsers. */
export const problemCacheControl = 'no-store';

export async function handler(event: CloudFrontResponseEvent): Promise<CloudFrontResultResponse> {
  const record = event.Records[0];
  if (!record) throw new Error('origin-response event without a record');
  const response = record.cf.response;
  const status = statusOf(response);
  if (!(status >= 400) || mediaTypeOf(response) === problemContentType) return response;
  return replaceBody(response, {
    status,
    contentType: problemContentType,
    cacheControl: problemCacheControl,
    body: JSON.stringify(gatewayProblem(status)),
  });
}
