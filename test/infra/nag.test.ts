/**
 * cdk-nag's AwsSolutions pack over the whole app — the main stack and the us-east-1 stack of the
 * Lambda@Edge functions: no finding may stand unless it is acknowledged on its construct with a
 * written reason.
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
  it('checks both stacks of the app: the main one and the us-east-1 edge stack', () => {
    const stacks = synth.app.node.children.filter(Stack.isStack);
    expect(stacks.map((stack) => stack.node.path).sort()).toEqual(
      [synth.stack.node.path, synth.edgeStack.node.path].sort(),
    );
    expect(synth.edgeStack.region).toBe('us-east-1');
    // The acknowledgements of the edge stack are read by the same report: its findings exist.
    expect(
      acknowledgements(synth.app).some((ack) => ack.path.startsWith(`${synth.edgeStack.node.path}/`)),
    ).toBe(true);
  });

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
      expect(path, id).not.toBe(synth.edgeStack.node.path);
    }
  });

  it('acknowledges no rule on our own functions, edge functions, tables or API stage', () => {
    const edge = synth.edgeStack.node.path;
    const guarded = [
      'Yichuang/Functions/',
      'Yichuang/Data/',
      'Yichuang/Api/Stage',
      `${edge}/ApiResponses/`,
      `${edge}/SiteNotFound/`,
      `${edge}/ApiResponsesRole/`,
      `${edge}/SiteNotFoundRole/`,
    ];
    const onGuarded = acknowledgements(synth.app).filter((ack) =>
      guarded.some((prefix) => ack.path.startsWith(prefix)),
    );
    expect(onGuarded).toEqual([]);
  });

  it('is really checking: the same harness reports a bucket without access logs, unless acknowledged', () => {
    expect(nagControl({ acknowledge: false }).some((line) => line.includes('AwsSolutions-S1'))).toBe(true);
    expect(nagControl({ acknowledge: true }).some((line) => line.includes('AwsSolutions-S1'))).toBe(false);
  });

  it('is really checking every stack: a finding in a second, us-east-1 stack is reported too', () => {
    const findings = nagControl({ acknowledge: false, inEdgeStack: true });
    expect(findings.some((line) => line.includes('AwsSolutions-S1') && line.includes('ControlEdge/'))).toBe(
      true,
    );
  });
});

/** A control app for the harness: an unlogged bucket, in the main stack or in a us-east-1 one. */
function nagControl(options: { acknowledge: boolean; inEdgeStack?: boolean }): string[] {
  const outdir = scratchDir();
  try {
    const app = new App({ outdir, context: { ...reportInsteadOfThrow } });
    const main = new Stack(app, 'Control', { env: { region: 'ap-southeast-1' } });
    const stack = options.inEdgeStack
      ? new Stack(app, 'ControlEdge', { env: { region: 'us-east-1' } })
      : main;
    const bucket = new Bucket(stack, 'Unlogged', {
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    if (options.acknowledge) {
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
}
