/**
 * Broken commitments (失信记录) in the single table, one item per revoked case:
 *
 *   pk = commitmentBar#<keyed hash of the ID number>   sk = case#<caseNo>
 *   — or, when an organisation applied, of its credit code: the commitment was the organisation's,
 *   not its agent's, and it binds whichever agent comes next.
 *   until      the last day (YYYY-MM-DD, Beijing) the applicant is barred from both paths
 *   caseNo, revokedAt
 *
 * The key is the personal-data cipher's keyed hash (HMAC) of the normalised ID number: a copy of
 * the table alone does not tell whose number it is, and the number is never stored in clear.
 *
 * The bar is written before the revocation's case write and counts only while its case is
 * `revoked`: a revocation that lost its race leaves an inert item, never a bar without a revoked
 * case — so the pair needs no transaction (dynalite has none).
 */
import { BatchGetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Instant } from '../../domain/calendar/instant.ts';
import { dynamoDocumentClient } from '../client.ts';
import { caseKey } from './cases.ts';

/** The purpose string of the ID number's keyed hash (one purpose, one hash space). */
export const applicantDigestPurpose = 'applicant-id-number';
/** The purpose string of an organisation's credit code's keyed hash. */
export const organisationDigestPurpose = 'organisation-credit-code';

function barPartition(applicantDigest: string): string {
  return `commitmentBar#${applicantDigest}`;
}

export async function recordCommitmentBar(
  tableName: string,
  bar: { applicantDigest: string; caseNo: string; until: string; revokedAt: Instant },
): Promise<void> {
  // Idempotent: a retried revocation writes the very same item.
  await dynamoDocumentClient().send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: barPartition(bar.applicantDigest),
        sk: `case#${bar.caseNo}`,
        type: 'commitmentBar',
        caseNo: bar.caseNo,
        until: bar.until,
        revokedAt: bar.revokedAt,
      },
    }),
  );
}

/**
 * The last day of the longest bar standing on `today` for the applicant, or undefined. Reads only
 * this applicant's partition (and the cases it names, to confirm each is revoked).
 */
export async function commitmentBarUntil(
  tableName: string,
  applicantDigest: string,
  today: string,
): Promise<string | undefined> {
  const result = await dynamoDocumentClient().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: '#until >= :today',
      ExpressionAttributeNames: { '#until': 'until' },
      ExpressionAttributeValues: { ':pk': barPartition(applicantDigest), ':today': today },
      ConsistentRead: true,
    }),
  );
  const bars = (result.Items ?? []) as { caseNo: string; until: string }[];
  if (bars.length === 0) return undefined;
  const cases = await dynamoDocumentClient().send(
    new BatchGetCommand({
      RequestItems: {
        [tableName]: {
          Keys: bars.slice(0, 100).map((bar) => caseKey(bar.caseNo)),
          ConsistentRead: true,
          ProjectionExpression: 'caseNo, #status',
          ExpressionAttributeNames: { '#status': 'status' },
        },
      },
    }),
  );
  const revoked = new Set(
    (cases.Responses?.[tableName] ?? [])
      .filter((item) => item.status === 'revoked')
      .map((item) => item.caseNo as string),
  );
  const standing = bars.filter((bar) => revoked.has(bar.caseNo)).map((bar) => bar.until);
  return standing.length === 0 ? undefined : standing.sort().at(-1);
}

/** The latest last day of the bars standing on any of the digests (person, organisation). */
export async function commitmentBarUntilAny(
  tableName: string,
  digests: readonly string[],
  today: string,
): Promise<string | undefined> {
  const found = await Promise.all(digests.map((digest) => commitmentBarUntil(tableName, digest, today)));
  const standing = found.filter((until): until is string => until !== undefined).sort();
  return standing.at(-1);
}
