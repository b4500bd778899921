export interface Command {
  name: string;
  summary: string;
  /** Full help text, printed for `npx yichuang <name> --help`. */
  help: string;
  /** Returns the process exit code. Errors a user can fix print a message and return non-zero. */
  run(args: string[]): Promise<number>;
}
