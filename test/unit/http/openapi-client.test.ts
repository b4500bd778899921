import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/http/openapi.ts';

/**
 * A real client generated from the OpenAPI document: openapi-typescript writes the types, and a
 * script using openapi-fetch (fixtures/typed-client.ts) must typecheck against them with the
 * project's compiler settings. Variants of the script with one mistake each must not, so the
 * check cannot pass by accepting anything.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../../..');

/** Each mistake is one edit of the script; `from` must occur exactly once in it. */
const mistakes = [
  {
    name: 'intake without the Idempotency-Key header',
    from: "params: { header: { 'Idempotency-Key': idempotencyKey } },",
    to: '',
    diagnostic: /'params' is missing[\s\S]*"Idempotency-Key": string/,
  },
  {
    name: 'a misspelt body field',
    from: "itemCode: 'YC-MZ-0102'",
    to: "itemcode: 'YC-MZ-0102'",
    diagnostic: /'itemcode' does not exist/,
  },
  {
    name: 'a transition the document does not have',
    from: "'/api/cases/{caseNo}/acceptance'",
    to: "'/api/cases/{caseNo}/accept'",
    diagnostic: /'"\/api\/cases\/\{caseNo\}\/accept"' is not assignable/,
  },
  {
    name: 'a transition without its case number',
    from: 'params: { path: { caseNo } },',
    to: '',
    diagnostic: /'params' is missing[\s\S]*path: \{ caseNo: string/,
  },
  {
    name: 'a response field the document does not have',
    from: 'view.status',
    to: 'view.state',
    diagnostic: /Property 'state' does not exist/,
  },
] as const;

/** tsconfig.json's settings; no ambient @types (the client needs only the DOM's fetch). */
function projectCompilerOptions(): ts.CompilerOptions {
  const file = path.join(projectRoot, 'tsconfig.json');
  const { config } = ts.readConfigFile(file, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, projectRoot);
  return {
    ...options,
    types: [],
    // The temporary folder has no node_modules of its own.
    paths: { 'openapi-fetch': [path.join(projectRoot, 'node_modules/openapi-fetch')] },
  };
}

const messagesOf = (diagnostics: readonly ts.Diagnostic[]) =>
  diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));

let folder: string;
let generated: string;
let diagnosticsByFile: Map<string, string[]>;
let programWide: string[];

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'yichuang-openapi-client-'));
  generated = astToString(await openapiTS(structuredClone(openApiDocument('0.0.0-test')) as never));
  await writeFile(path.join(folder, 'yichuang-api.ts'), generated);
  const script = await readFile(path.join(here, 'fixtures/typed-client.ts'), 'utf8');
  const files = [path.join(folder, 'typed-client.ts')];
  await writeFile(files[0] as string, script);
  for (const [index, mistake] of mistakes.entries()) {
    expect(script.split(mistake.from), mistake.name).toHaveLength(2);
    files.push(path.join(folder, `mistake-${index}.ts`));
    await writeFile(files[index + 1] as string, script.replace(mistake.from, mistake.to));
  }
  // One program for the script and its variants: the generated types are checked once.
  const program = ts.createProgram(files, projectCompilerOptions());
  programWide = messagesOf([...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]);
  diagnosticsByFile = new Map(
    program
      .getSourceFiles()
      .filter((source) => source.fileName.startsWith(folder))
      .map((source) => [
        path.basename(source.fileName),
        messagesOf([...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]),
      ]),
  );
}, 30_000);

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('a client generated from the OpenAPI document', () => {
  it('has types for the operations the script calls', () => {
    for (const path of ['"/api/cases"', '"/api/cases/{caseNo}/acceptance"', '"/api/public/progress"'])
      expect(generated).toContain(`${path}: {`);
    expect(generated).toContain('"Idempotency-Key": string;');
  });

  it('typechecks intake, acceptance and the public lookup with zero diagnostics', () => {
    expect(programWide).toEqual([]);
    expect(diagnosticsByFile.get('yichuang-api.ts')).toEqual([]);
    expect(diagnosticsByFile.get('typed-client.ts')).toEqual([]);
  });

  it.each(mistakes.map((mistake, index) => ({ ...mistake, index })))(
    'refuses $name',
    ({ index, diagnostic }) => {
      const messages = diagnosticsByFile.get(`mistake-${index}.ts`);
      expect(messages).not.toEqual([]);
      expect(messages?.join('\n')).toMatch(diagnostic);
    },
  );
});
