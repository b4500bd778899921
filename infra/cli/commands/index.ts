import type { Command } from '../command.ts';
import { catalogCommand } from './catalog.ts';
import { deadlineCommand } from './deadline.ts';
import { figuresCommand } from './figures.ts';
import { recomputeDeadlinesCommand, sweepCommand } from './sweep.ts';
import { tokenCommand } from './token.ts';
import { workdayCommand } from './workday.ts';

/** Every subcommand of `npx yichuang`, in the order `--help` lists them. */
export const commands: Command[] = [
  tokenCommand,
  catalogCommand,
  deadlineCommand,
  workdayCommand,
  sweepCommand,
  recomputeDeadlinesCommand,
  figuresCommand,
];
