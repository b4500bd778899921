/**
 * `npx yichuang <command>`: the operator's command line. Each command lives in its own module
 * under ./commands and registers itself in ./commands/index.ts.
 */
import { commands } from './commands/index.ts';

function usage(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    '一窗 Yichuang — command line',
    '',
    'Usage: npx yichuang <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `npx yichuang <command> --help` for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 1 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`Unknown command: ${name}\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  return command.run(rest);
}
