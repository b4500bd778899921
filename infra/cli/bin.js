#!/usr/bin/env node
// The package's `bin`: loads the TypeScript CLI through tsx, so no build step stands between a
// clone and `npx yichuang`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
