import { parseArgs } from 'node:util';
import { demoUsers, describeDemoUser, findDemoUser, openIdentityIssuer } from '../../local/identity.ts';
import { readLocalSettings } from '../../local/settings.ts';
import type { Command } from '../command.ts';

const help = `Usage: npx yichuang token <demo-user> [--expires-in <seconds>]

Prints a bearer token for a demo user of the local runtime, signed by its identity issuer
(the key in the data folder, YICHUANG_DATA_DIR, default .yichuang/).

Demo users:
${demoUsers.map((user) => `  ${describeDemoUser(user)}`).join('\n')}

Example:
  curl -H "Authorization: Bearer $(npx yichuang token clerk)" http://localhost:4321/api/…`;

export const tokenCommand: Command = {
  name: 'token',
  summary: 'print a bearer token for a demo user of the local runtime',
  help,
  async run(args) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'expires-in': { type: 'string', default: '3600' } },
    });
    const [username] = positionals;
    if (!username || positionals.length > 1) {
      console.error(`Name one demo user.\n\n${help}`);
      return 2;
    }
    if (!findDemoUser(username)) {
      console.error(
        `Unknown demo user "${username}". Demo users: ${demoUsers.map((user) => user.username).join(', ')}`,
      );
      return 2;
    }
    const expiresInSeconds = Number(values['expires-in']);
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0 || expiresInSeconds > 86_400) {
      console.error('--expires-in must be a whole number of seconds from 1 to 86400.');
      return 2;
    }
    const issuer = await openIdentityIssuer(readLocalSettings().dataDir);
    console.log(await issuer.issue(username, { expiresInSeconds }));
    return 0;
  },
};
