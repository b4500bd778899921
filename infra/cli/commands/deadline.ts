/**
 * `npx yichuang deadline --from <date> --workdays <n> [--json]`: the day and instant a period of n
 * working days ends (the start day is not counted; due at close of business of the last day).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import centreConfig from '../../../functions/config/centre.json' with { type: 'json' };
import { addWorkdays, type Calendar, createCalendar } from '../../../functions/domain/calendar/calendar.ts';
import { weekday, weekdayNames } from '../../../functions/domain/calendar/civil.ts';
import { CalendarError } from '../../../functions/domain/calendar/errors.ts';
import type { Command } from '../command.ts';

const help = `Usage:
  npx yichuang deadline --from <YYYY-MM-DD> --workdays <n> [--json] [--centre <file>]

Prints the due date of a period of <n> working days starting on --from, under the Chinese
working-day calendar (statutory holidays, make-up working days 调休上班, the centre's local
days). The start day is not counted; the period ends at the centre's close of business on its
last working day. A result that depends on a year whose holiday schedule is not yet published
is marked provisional.
  --from      start date (the day of receipt, acceptance, decision…)
  --workdays  working days, a whole number ≥ 0
  --json      print exactly one JSON object:
              {"from", "workdays", "due", "dueAt", "provisional"}
  --centre    centre configuration file (default: functions/config/centre.json)`;

/** Thrown for input a user can fix; the command prints the message and exits 2. */
export class UsageError extends Error {}

/** The calendar of the configured centre (or of the configuration file given with --centre). */
export async function loadCentreCalendar(centreFile: string | undefined): Promise<Calendar> {
  let config: unknown = centreConfig;
  if (centreFile !== undefined) {
    try {
      config = JSON.parse(await readFile(centreFile, 'utf8'));
    } catch (error) {
      throw new UsageError(`Cannot read centre configuration ${centreFile}: ${(error as Error).message}`);
    }
  }
  return createCalendar({ settings: config });
}

/** Runs a command body, turning user errors into a message on stderr and exit code 2. */
export async function reportingErrors(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError || error instanceof CalendarError || isParseArgsError(error)) {
      console.error(`错误 Error: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')
  );
}

export function provisionalNote(): string {
  return '注意：结果依赖尚未公布放假安排的年份，为暂定结果，公布后须重新计算。\nNote: provisional — it depends on a year whose holiday schedule is not yet published; recompute once it is.';
}

export const deadlineCommand: Command = {
  name: 'deadline',
  summary: 'Due date of a period of n working days (限时办结 / 工作日计算)',
  help,
  run: (args) =>
    reportingErrors(async () => {
      const negative = args.findIndex((arg, i) => args[i - 1] === '--workdays' && /^-\d/.test(arg));
      if (negative >= 0) {
        throw new UsageError(
          `--workdays must be a whole number of working days ≥ 0, got "${args[negative]}".`,
        );
      }
      const { values } = parseArgs({
        args,
        options: {
          from: { type: 'string' },
          workdays: { type: 'string' },
          json: { type: 'boolean', default: false },
          centre: { type: 'string' },
        },
        strict: true,
        allowPositionals: false,
      });
      if (values.from === undefined) throw new UsageError(`--from <YYYY-MM-DD> is required.\n\n${help}`);
      if (values.workdays === undefined) throw new UsageError(`--workdays <n> is required.\n\n${help}`);
      if (!/^\d+$/.test(values.workdays)) {
        throw new UsageError(
          `--workdays must be a whole number of working days ≥ 0, got "${values.workdays}".`,
        );
      }
      const calendar = await loadCentreCalendar(values.centre);
      const result = addWorkdays(calendar, values.from, Number(values.workdays));
      if (values.json) {
        const { from, workdays, due, dueAt, provisional } = result;
        console.log(JSON.stringify({ from, workdays, due, dueAt, provisional }));
        return 0;
      }
      const time = result.dueAt.slice(11, 16);
      console.log(
        `${result.from} 起 ${result.workdays} 个工作日 → ${result.due}（${weekdayNames[weekday(result.due)]}）${time} 截止`,
      );
      console.log(`Due: ${result.dueAt}${result.provisional ? ' (provisional)' : ''}`);
      if (result.provisional) console.log(provisionalNote());
      return 0;
    }),
};
