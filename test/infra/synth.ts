/**
 * One synthesis of the real app per test file: every function bundled by esbuild, cdk-nag's
 * AwsSolutions pack registered, the validation report read back from the cloud assembly.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp, type YichuangStack } from '../../infra/cloud/stack.ts';

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
  const { app, stack } = buildApp({ appProps: { outdir, context: { ...reportInsteadOfThrow } } });
  withNag(app);
  const assembly = app.synth();
  return {
    app,
    stack,
    template: Template.fromStack(stack),
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
