/**
 * The month's confirmed awards and its published scorecard, in one partition per month:
 *
 *   pk = appraisal#<centre>#<YYYY-MM>   sk = award#<code>    one confirmed award (服务之星 of a group,
 *                                                            or the 红旗窗口): the record of who
 *                                                            confirmed what against which proposal
 *   pk = appraisal#<centre>#<YYYY-MM>   sk = scorecard       the public scorecard, frozen when the
 *                                                            month's last award was confirmed
 *
 * Both are written once (`attribute_not_exists`): a second confirmation of the same award loses
 * the condition (409), and the scorecard, once published, never changes. Reading a month is one
 * query of a handful of items.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AwardRecord } from '../../domain/appraisal/awards.ts';
import type { Scorecard } from '../../domain/appraisal/scorecard.ts';
import { dynamoDocumentClient } from '../client.ts';
import { queryAll } from '../query-range.ts';
import { putOnce } from '../supervision/writes.ts';

const partition = (centre: string, month: string) => `appraisal#${centre}#${month}`;

export interface MonthAwards {
  awards: AwardRecord[];
  /** Whether the month's scorecard is published. */
  published: boolean;
}

export async function loadMonthAwards(
  tableName: string,
  centre: string,
  month: string,
): Promise<MonthAwards> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': partition(centre, month) },
    ProjectionExpression: 'sk, award',
    ConsistentRead: true,
  });
  return {
    awards: items.flatMap((item) => (item.sk === 'scorecard' ? [] : [item.award as AwardRecord])),
    published: items.some((item) => item.sk === 'scorecard'),
  };
}

/** Records a confirmed award; false when that award of the month was confirmed already. */
export function saveAward(tableName: string, centre: string, record: AwardRecord): Promise<boolean> {
  return putOnce(dynamoDocumentClient(), tableName, {
    pk: partition(centre, record.period),
    sk: `award#${record.award}`,
    type: 'award',
    award: record,
  });
}

/** Publishes the month's scorecard; false when it was published already (it stays as it was). */
export function publishScorecard(tableName: string, centre: string, scorecard: Scorecard): Promise<boolean> {
  return putOnce(dynamoDocumentClient(), tableName, {
    pk: partition(centre, scorecard.period),
    sk: 'scorecard',
    type: 'scorecard',
    scorecard,
  });
}

export async function loadScorecard(
  tableName: string,
  centre: string,
  month: string,
): Promise<Scorecard | undefined> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({ TableName: tableName, Key: { pk: partition(centre, month), sk: 'scorecard' } }),
  );
  return result.Item?.scorecard as Scorecard | undefined;
}
