/**
 * Entry of the CDK app (cdk.json: `npx tsx infra/cloud/app.ts`). It only builds the stacks; cdk-nag
 * runs in test/infra, where every finding must be fixed or acknowledged with a reason. The region
 * comes from `-c region=…`, the CLI's profile or `defaultRegion` (stack.ts: stackEnvironment).
 */
import { buildApp } from './stack.ts';

buildApp();
