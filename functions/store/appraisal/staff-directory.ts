/**
 * The staff directory: who works where and under which name, as the identity provider knows them
 * (the token's `name`, `custom:department`, `custom:window`, groups). The appraisal reads it to
 * score clerks who had no event in a month and to offer each nominee's display name — the name an
 * award publishes — to the confirmer, who checks it.
 *
 *   pk = staff#<centre>   sk = member#<username>   { username, name, department?, window?, roles }
 *
 * The local runtime writes its demo users here on start. In the cloud Cognito holds the staff; no
 * function can read the user pool yet, so the directory stays empty there and the confirmer types
 * each nominee's name.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StaffMember } from '../../domain/appraisal/score.ts';
import { dynamoDocumentClient } from '../client.ts';
import { queryAll } from '../query-range.ts';
import { batchPut } from '../supervision/writes.ts';

const partition = (centre: string) => `staff#${centre}`;

export async function listStaff(tableName: string, centre: string): Promise<StaffMember[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': partition(centre) },
  });
  return items.map((item) => item.member as StaffMember);
}

/** Writes (or rewrites) the directory entries of `members`. */
export async function recordStaff(
  tableName: string,
  centre: string,
  members: readonly StaffMember[],
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): Promise<void> {
  await batchPut(
    client,
    tableName,
    members.map((member) => ({
      pk: partition(centre),
      sk: `member#${member.username}`,
      type: 'staffMember',
      member,
    })),
  );
}
