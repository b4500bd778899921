/**
 * What is shipped beside a function's bundle, against the real synthesized assets. The modules a
 * function loads on first use only (infra/functions.ts lazyModules): each is beside the bundle and
 * not in it, and the function's own `import()` of it — run by Node from the asset folder, as Lambda
 * runs it — gives the exports the code uses. The files written when it is built (builtFiles): the
 * OpenAPI document, which the bundled handler serves. The other functions ship their bundle alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../functions/config/env.ts';
import { openApiDocument } from '../../functions/http/openapi.ts';
import {
  type FunctionDefinition,
  functionDefinitions,
  functionForHandler,
  messagesFunction,
  shippedLazyModulePath,
} from '../../infra/functions.ts';
import { assetDirOf, type Synthesized, synthesize } from './synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth?.dispose());

const assetOf = (definition: FunctionDefinition) =>
  assetDirOf(synth.assemblyDir, synth.template, synth.id(synth.stack.lambdas.get(definition.name)));

/** What `import(specifier)` from the function's index.mjs gives, as `expression` of it (`m`), in a fresh Node. */
function importedFromAsset(
  asset: string,
  specifier: string,
  expression: string,
  env: NodeJS.ProcessEnv = process.env,
): unknown {
  const probe = path.join(asset, `probe-${process.pid}.mjs`);
  writeFileSync(
    probe,
    `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(await ${expression}));`,
  );
  try {
    const output = execFileSync(process.execPath, [probe], { cwd: asset, encoding: 'utf8', env });
    return JSON.parse(output.trim().split('\n').at(-1) as string);
  } finally {
    rmSync(probe);
  }
}

/**
 * Per lazy module: a text only its own code holds (so the bundle must not), and what the function
 * reads of it once imported.
 */
const expectations: Record<string, { ownText: string; uses: string; gives: unknown }> = {
  // ledger-xlsx.ts: `new (await import(...)).default(...)`, then addWorksheet.
  'exceljs/lib/stream/xlsx/workbook-writer.js': {
    ownText: '[Content_Types].xml',
    uses: '[typeof m.default, typeof m.default.prototype.addWorksheet]',
    gives: ['function', 'function'],
  },
  // report-docx.ts: the named classes of docx.
  docx: {
    ownText: 'word/document.xml',
    uses: "['Document', 'Packer', 'Paragraph', 'TextRun', 'PageNumber'].map((name) => typeof m[name])",
    gives: ['function', 'function', 'function', 'function', 'object'],
  },
  // sms-aliyun.ts: CommonJS, so `default` is its module.exports, with the client as its `default`.
  '@alicloud/dysmsapi20170525': {
    ownText: 'SendSmsResponseBody',
    uses: '[typeof m.default.default, typeof m.default.SendSmsRequest, typeof m.default.default.prototype.sendSms]',
    gives: ['function', 'function', 'function'],
  },
};

const withLazyModules = functionDefinitions().filter((definition) => definition.lazyModules.length > 0);

describe('modules loaded on first use', () => {
  it('are those of the ledger (.xlsx), the report (.docx) and the messages job (Alibaba Cloud SMS)', () => {
    expect(
      Object.fromEntries(withLazyModules.map((definition) => [definition.name, definition.lazyModules])),
    ).toEqual({
      [functionForHandler('figures/ledger').name]: ['exceljs/lib/stream/xlsx/workbook-writer.js'],
      [functionForHandler('figures/report').name]: ['docx'],
      [messagesFunction.name]: ['@alicloud/dysmsapi20170525'],
    });
    expect(Object.keys(expectations).sort()).toEqual(
      withLazyModules.flatMap((definition) => definition.lazyModules).sort(),
    );
  });

  for (const definition of withLazyModules) {
    for (const specifier of definition.lazyModules) {
      it(`${definition.name}: ${specifier} is beside the bundle, not in it, and its import() works from there`, () => {
        const asset = assetOf(definition);
        const expected = expectations[specifier];
        if (!expected) throw new Error(`no expectation for ${specifier}`);
        const bundle = readFileSync(path.join(asset, 'index.mjs'), 'utf8');
        expect(readFileSync(path.join(asset, shippedLazyModulePath(specifier)), 'utf8')).toContain(
          expected.ownText,
        );
        expect(bundle).not.toContain(expected.ownText);
        expect(bundle).toContain(`import("${specifier}")`);
        expect(importedFromAsset(asset, specifier, expected.uses)).toEqual(expected.gives);
      });
    }
  }

  it('leaves the other functions’ assets as their bundle alone', () => {
    for (const definition of functionDefinitions()) {
      if (definition.lazyModules.length > 0) continue;
      expect(existsSync(path.join(assetOf(definition), 'node_modules')), definition.name).toBe(false);
    }
  });
});

describe('files written when a function is built', () => {
  it('are the OpenAPI document of the OpenAPI function alone', () => {
    expect(
      Object.fromEntries(
        functionDefinitions()
          .filter((definition) => Object.keys(definition.builtFiles).length > 0)
          .map((definition) => [definition.name, Object.keys(definition.builtFiles)]),
      ),
    ).toEqual({ [functionForHandler('meta/openapi').name]: ['openapi.json'] });
  });

  it('serve the document the route table makes, with the deployment’s version, from the bundled handler', () => {
    const asset = assetOf(functionForHandler('meta/openapi'));
    const built = JSON.parse(readFileSync(path.join(asset, 'openapi.json'), 'utf8'));
    expect(built).toEqual(openApiDocument(''));
    const served = importedFromAsset(
      asset,
      './index.mjs',
      `m.handler({ version: '2.0', routeKey: 'GET /api/openapi.json', rawPath: '/api/openapi.json', rawQueryString: '', headers: {}, requestContext: { http: { method: 'GET', path: '/api/openapi.json', sourceIp: '127.0.0.1' }, requestId: 'probe' }, isBase64Encoded: false }, { awsRequestId: 'probe', functionName: 'probe', getRemainingTimeInMillis: () => 10000 }).then((reply) => ({ statusCode: reply.statusCode, body: JSON.parse(reply.body) }))`,
      {
        ...process.env,
        [envNames.version]: '9.9.9',
        AWS_REGION: 'cn-north-1',
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
    ) as { statusCode: number; body: { info: { version: string } } };
    expect(served.statusCode).toBe(200);
    expect(served.body).toEqual({ ...built, info: { ...built.info, version: '9.9.9' } });
    // The bundle reads the document at its cold start rather than converting every schema.
    expect(readFileSync(path.join(asset, 'index.mjs'), 'utf8')).toContain('openapi.json');
  });
});
