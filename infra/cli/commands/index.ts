import type { Command } from '../command.ts';

/** Every subcommand of `npx yichuang`, in the order `--help` lists them. */
export const commands: Command[] = [];
