/**
 * Runs inside the function host's worker thread: imports each function's module once (its cold
 * start) and invokes its `handler` with a Lambda-like context, as the Lambda runtime would.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import type { Invocation, InvocationOutcome } from './function-host.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const modules = new Map<string, Promise<Handler>>();

function loadHandler(entry: string): Promise<Handler> {
  let loaded = modules.get(entry);
  if (!loaded) {
    loaded = import(pathToFileURL(entry).href).then((module: { handler?: Handler }) => {
      if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
      return module.handler;
    });
    modules.set(entry, loaded);
  }
  return loaded;
}

function lambdaContext(invocation: Invocation): Context {
  const deadline = Date.now() + invocation.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: invocation.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${invocation.functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${invocation.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

parentPort?.on('message', async (invocation: Invocation) => {
  let outcome: InvocationOutcome;
  try {
    const handler = await loadHandler(invocation.entry);
    outcome = {
      id: invocation.id,
      ok: true,
      result: await handler(invocation.event, lambdaContext(invocation)),
    };
  } catch (error) {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    outcome = { id: invocation.id, ok: false, error: { message, stack: stack ?? '' } };
  }
  parentPort?.postMessage(outcome);
});
