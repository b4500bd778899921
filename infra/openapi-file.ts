/**
 * Writes the OpenAPI document (functions/http/openapi.ts) to the file named by the first argument:
 * run after bundling the OpenAPI function, beside its bundle (infra/functions.ts builtFilesOf). The
 * version is left empty; the handler sets the deployment's.
 */
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../functions/http/openapi.ts';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: node infra/openapi-file.ts <output file>');
writeFileSync(file, JSON.stringify(openApiDocument('')));
