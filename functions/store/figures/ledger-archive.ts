/**
 * The ledger of each closed month, archived as JSON Lines partitioned the way Athena reads them:
 *
 *   ledger/centre=<centre>/month=<YYYY-MM>/part-00001.jsonl, part-00002.jsonl…
 *
 * one object per case received in the month — the ledger's own row (domain/figures/ledger.ts: the
 * applicant masked by the one masking function, as in the CSV) — one part per page of the month
 * index, so a month of any size is written page by page and never held at once. Writing a month
 * again replaces its parts (parts beyond the new count are removed), so a recount can re-archive it.
 *
 * In the cloud the parts go to the ledger bucket (`LEDGER_BUCKET`), which the Glue table of
 * infra/cloud/figures.ts describes; locally under the data folder (`LEDGER_LOCAL_DIR`), the same
 * paths: `<data folder>/ledger/centre=…/month=…/part-*.jsonl`.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { civilDateAt } from '../../domain/calendar/instant.ts';
import type { ClockContext } from '../../domain/clocks/clock.ts';
import { ledgerRow } from '../../domain/figures/ledger.ts';
import { inPeriod, type Period, parsePeriod } from '../../domain/figures/periods.ts';
import type { FigureSettings } from '../../domain/figures/settings.ts';
import { ledgerPage } from './figures.ts';

export const ledgerArchiveEnv = {
  /** Cloud: the ledger bucket. */
  bucket: 'LEDGER_BUCKET',
  /** Local: the folder the `ledger/…` keys are written under (the data folder). */
  localDir: 'LEDGER_LOCAL_DIR',
} as const;

/** Where the ledger parts of every centre and month live, under the bucket or the folder. */
export const ledgerPrefix = 'ledger/';

export function ledgerPartitionPrefix(centre: string, month: string): string {
  return `${ledgerPrefix}centre=${centre}/month=${month}/`;
}

export function ledgerPartName(index: number): string {
  return `part-${String(index).padStart(5, '0')}.jsonl`;
}

/** Where parts are written: the bucket or the folder. */
export interface LedgerArchive {
  readonly location: string;
  put(key: string, body: string): Promise<void>;
  /** The part keys under a month's prefix. */
  list(prefix: string): Promise<string[]>;
  remove(key: string): Promise<void>;
}

export function localLedgerArchive(dir: string): LedgerArchive {
  return {
    location: dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`,
    async put(key, body) {
      const file = path.join(dir, key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, body);
    },
    async list(prefix) {
      try {
        return (await readdir(path.join(dir, prefix))).map((name) => `${prefix}${name}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    async remove(key) {
      await rm(path.join(dir, key), { force: true });
    },
  };
}

export async function s3LedgerArchive(bucket: string, given?: S3Client): Promise<LedgerArchive> {
  // Loaded on first use: only the figures job archives.
  const { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } = await import(
    '@aws-sdk/client-s3'
  );
  const client = given ?? new S3Client({});
  return {
    location: `s3://${bucket}/`,
    async put(key, body) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: 'application/x-ndjson; charset=utf-8',
        }),
      );
    },
    async list(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}

/** The archive the environment names, or undefined when none is configured. */
export async function ledgerArchiveFromEnvironment(env: NodeJS.ProcessEnv = process.env) {
  const bucket = env[ledgerArchiveEnv.bucket];
  if (bucket) return s3LedgerArchive(bucket);
  const dir = env[ledgerArchiveEnv.localDir];
  return dir ? localLedgerArchive(dir) : undefined;
}

export interface ArchiveOptions {
  tableName: string;
  centre: string;
  ctx: ClockContext;
  settings: FigureSettings;
  archive: LedgerArchive;
  /** Index items read per part (the ledger's page). */
  pageSize?: number;
  now?: Date;
  /** Called after each part (the bench samples memory there). */
  onPart?: (rows: number) => void;
}

export interface ArchiveSummary {
  month: string;
  location: string;
  rows: number;
  parts: number;
  bytes: number;
  removed: number;
}

/** Writes a month's ledger as JSON Lines parts, replacing what was archived for it before. */
export async function archiveMonthLedger(options: ArchiveOptions, month: string): Promise<ArchiveSummary> {
  const period = parsePeriod(month) as Period;
  const prefix = ledgerPartitionPrefix(options.centre, month);
  const now = options.now ?? new Date();
  const summary: ArchiveSummary = {
    month,
    location: `${options.archive.location}${prefix}`,
    rows: 0,
    parts: 0,
    bytes: 0,
    removed: 0,
  };
  let cursor: string | undefined;
  do {
    const page = await ledgerPage(
      options.tableName,
      options.centre,
      period,
      options.pageSize ?? 2000,
      cursor,
    );
    const lines: string[] = [];
    for (const state of page.states) {
      if (!inPeriod(period, civilDateAt(state.receivedAt))) continue;
      lines.push(JSON.stringify(ledgerRow(state, now, options.ctx, options.settings)));
    }
    if (lines.length > 0) {
      const body = `${lines.join('\n')}\n`;
      summary.parts += 1;
      await options.archive.put(`${prefix}${ledgerPartName(summary.parts)}`, body);
      summary.rows += lines.length;
      summary.bytes += Buffer.byteLength(body);
      options.onPart?.(summary.rows);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const kept = new Set(Array.from({ length: summary.parts }, (_, i) => `${prefix}${ledgerPartName(i + 1)}`));
  for (const key of await options.archive.list(prefix)) {
    if (kept.has(key)) continue;
    await options.archive.remove(key);
    summary.removed += 1;
  }
  return summary;
}
