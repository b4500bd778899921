/**
 * One synthesis of the real app per test file: every function bundled by esbuild, cdk-nag's
 * AwsSolutions pack registered, the validation report read back from the cloud assembly. The app
 * has two stacks: the main one and, in us-east-1, the one of its Lambda@Edge functions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp, defaultRegion, type YichuangStack } from '../../infra/cloud/stack.ts';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.CDK_DISABLE_CLI_TELEMETRY = 'true';

export interface ReportedViolation {
  ruleName: string;
  description: string;
  severity: string;
  violatingConstructs: { constructPath: string }[];
}

export interface ValidationReport {
  pluginReports: { pluginName: string; conclusion: string; violations: ReportedViolation[] }[];
}

export interface Synthesized {
  app: App;
  stack: YichuangStack;
  template: Template;
  /** The us-east-1 stack of the Lambda@Edge functions (`stack.site.edgeStack`). */
  edgeStack: Stack;
  edgeTemplate: Template;
  report: ValidationReport;
  assemblyDir: string;
  /** The logical id of a construct's CloudFormation resource. */
  id: (construct: IConstruct) => string;
  dispose: () => void;
}

/** A fresh assembly directory per synthesis, so test files never share cdk.out. */
export function scratchDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'yichuang-infra-'));
}

/** Registers AwsSolutions on an app, with violations reported in the file rather than thrown. */
export const reportInsteadOfThrow = { '@aws-cdk/core:failSynthOnValidationErrors': false } as const;

export function withNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

export function readReport(assemblyDir: string): ValidationReport {
  return JSON.parse(
    readFileSync(path.join(assemblyDir, 'validation-report.json'), 'utf8'),
  ) as ValidationReport;
}

/** Every violation in a report, one line each, for a failure message. */
export function describeViolations(report: ValidationReport): string[] {
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.map(
        (construct) =>
          `[${violation.severity}] ${violation.ruleName} at ${construct.constructPath}: ${violation.description}`,
      ),
    ),
  );
}

export function logicalIdOf(construct: IConstruct): string {
  const resource = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(resource);
}

export function synthesize(): Synthesized {
  const outdir = scratchDir();
  // The region is pinned, whatever CDK_DEFAULT_REGION says: outside us-east-1 the app has its two
  // stacks, and every test sees both.
  const { app, stack } = buildApp({
    appProps: { outdir, context: { ...reportInsteadOfThrow } },
    stackProps: { env: { region: defaultRegion } },
  });
  withNag(app);
  const assembly = app.synth();
  const edgeStack = stack.site.edgeStack;
  return {
    app,
    stack,
    template: Template.fromStack(stack),
    edgeStack,
    edgeTemplate: Template.fromJSON(assembly.getStackArtifact(edgeStack.artifactId).template),
    report: readReport(assembly.directory),
    assemblyDir: assembly.directory,
    id: logicalIdOf,
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

export interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Condition?: string;
  DependsOn?: string[];
}

function withProperties(
  found: Omit<Resource, 'Properties'> & { Properties?: Record<string, unknown> },
): Resource {
  return { ...found, Properties: found.Properties ?? {} };
}

/** The one resource with this logical id, failing loudly if it is missing. */
export function resource(template: Template, logicalId: string): Resource {
  const found = (template.toJSON().Resources as Record<string, Resource>)[logicalId];
  if (!found) throw new Error(`No resource ${logicalId} in the template`);
  return withProperties(found);
}

export function resourcesOfType(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.toJSON().Resources as Record<string, Resource>)
    .filter(([, candidate]) => candidate.Type === type)
    .map(([logicalId, candidate]) => [logicalId, withProperties(candidate)]);
}

/** The value, or a failed test naming what was missing. */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Missing: ${what}`);
  return value;
}

/**
 * The bundle a synthesized Lambda function runs, as the cloud assembly holds it: the directory
 * `asset.<hash>` named by the function's S3 key.
 */
export function assetDirOf(assemblyDir: string, template: Template, functionLogicalId: string): string {
  const code = resource(template, functionLogicalId).Properties.Code as { S3Key?: unknown };
  const key = typeof code.S3Key === 'string' ? /^([0-9a-f]{64})\.zip$/.exec(code.S3Key)?.[1] : undefined;
  return path.join(assemblyDir, `asset.${defined(key, `the asset hash of ${functionLogicalId}`)}`);
}
