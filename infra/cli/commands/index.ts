import type { Command } from '../command.ts';
import { tokenCommand } from './token.ts';

/** Every subcommand of `npx yichuang`, in the order `--help` lists them. */
export const commands: Command[] = [tokenCommand];
