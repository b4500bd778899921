/** `npx yichuang workday <date> [--json]`: is this a working day at the centre, and why. */
import { parseArgs } from 'node:util';
import { dayInfo } from '../../../functions/domain/calendar/calendar.ts';
import { weekdayNames } from '../../../functions/domain/calendar/civil.ts';
import type { Command } from '../command.ts';
import { loadCentreCalendar, provisionalNote, reportingErrors, UsageError } from './deadline.ts';

const help = `Usage:
  npx yichuang workday <YYYY-MM-DD> [--json] [--centre <file>]

Says whether a date is a working day at the centre and why: weekend, statutory holiday, a day
off or make-up working day (调休上班) of the State Council's schedule, or one of the centre's
local days. Dates in a year whose schedule is not yet published are marked provisional: their
statutory holidays are known, their make-up working days are not.
  --json      print exactly one JSON object: {"date", "workday", "reason", "provisional"}
  --centre    centre configuration file (default: functions/config/centre.json)`;

export const workdayCommand: Command = {
  name: 'workday',
  summary: 'Is a date a working day, and why (工作日查询)',
  help,
  run: (args) =>
    reportingErrors(async () => {
      const { values, positionals } = parseArgs({
        args,
        options: { json: { type: 'boolean', default: false }, centre: { type: 'string' } },
        strict: true,
        allowPositionals: true,
      });
      const [date, ...extra] = positionals;
      if (date === undefined) throw new UsageError(`A date is required.\n\n${help}`);
      if (extra.length > 0) throw new UsageError(`One date at a time; unexpected: ${extra.join(' ')}`);
      const calendar = await loadCentreCalendar(values.centre);
      const info = dayInfo(calendar, date);
      if (values.json) {
        console.log(
          JSON.stringify({
            date: info.date,
            workday: info.workday,
            reason: info.reason,
            provisional: info.provisional,
          }),
        );
        return 0;
      }
      const verdict = info.workday ? '工作日 working day' : '休息日 day off';
      console.log(`${info.date}（${weekdayNames[info.weekday]}）：${verdict} — ${info.reason}`);
      console.log(`依据 Source: ${info.source}`);
      if (info.provisional) console.log(provisionalNote());
      return 0;
    }),
};
