/**
 * Entry of the CDK app (cdk.json: `npx tsx infra/cloud/app.ts`). It only builds the stack; cdk-nag
 * runs in test/infra, where every finding must be fixed or acknowledged with a reason.
 */
import { buildApp } from './stack.ts';

buildApp({
  stackProps: {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  },
});
