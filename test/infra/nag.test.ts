/**
 * cdk-nag's AwsSolutions pack over the whole app: no finding may stand unless it is acknowledged
 * on its construct with a written reason.
 */
import { rmSync } from 'node:fs';
import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeViolations,
  readReport,
  reportInsteadOfThrow,
  type Synthesized,
  scratchDir,
  synthesize,
  withNag,
} from './synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth?.dispose());

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

function acknowledgements(app: App): Acknowledgement[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding, error or warning', () => {
    const findings = describeViolations(synth.report);
    expect(findings, `Unacknowledged findings:\n${findings.join('\n')}`).toEqual([]);
  });

  it('has a specific written reason for every acknowledgement, on the construct it concerns', () => {
    const all = acknowledgements(synth.app);
    expect(all.length).toBeGreaterThan(0);
    for (const { path, id, reason } of all) {
      expect(id, path).toMatch(/^(Annotation::)?(AwsSolutions-[A-Z]+\d+(\[.+\])?|@aws-cdk\/.+)$/);
      expect(reason.length, `${id} at ${path}`).toBeGreaterThanOrEqual(60);
      expect(path, id).not.toBe('Yichuang');
    }
  });

  it('acknowledges no rule on our own functions, tables or API stage', () => {
    const guarded = ['Yichuang/Functions/', 'Yichuang/Data/', 'Yichuang/Api/Stage'];
    const onGuarded = acknowledgements(synth.app).filter((ack) =>
      guarded.some((prefix) => ack.path.startsWith(prefix)),
    );
    expect(onGuarded).toEqual([]);
  });

  it('is really checking: the same harness reports a bucket without access logs, unless acknowledged', () => {
    const check = (acknowledge: boolean) => {
      const outdir = scratchDir();
      try {
        const app = new App({ outdir, context: { ...reportInsteadOfThrow } });
        const stack = new Stack(app, 'Control');
        const bucket = new Bucket(stack, 'Unlogged', {
          enforceSSL: true,
          removalPolicy: RemovalPolicy.DESTROY,
        });
        if (acknowledge) {
          Validations.of(bucket).acknowledge({
            id: 'AwsSolutions-S1',
            reason: 'control case for the nag harness',
          });
        }
        withNag(app);
        return describeViolations(readReport(app.synth().directory));
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    };
    expect(check(false).some((line) => line.includes('AwsSolutions-S1'))).toBe(true);
    expect(check(true).some((line) => line.includes('AwsSolutions-S1'))).toBe(false);
  });
});
