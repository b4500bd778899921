/**
 * The local stand-in for Lambda: one worker thread per runtime that loads the functions' own
 * modules with the environment the CDK stack would give them. A worker, not the main thread, so
 * each runtime start is a cold start with its own module state and environment.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FunctionDefinition } from '../functions.ts';

export interface Invocation {
  id: string;
  entry: string;
  functionName: string;
  timeoutSeconds: number;
  event: unknown;
}

export type InvocationOutcome =
  | { id: string; ok: true; result: unknown }
  | { id: string; ok: false; error: { message: string; stack: string } };

export interface FunctionHost {
  invoke(fn: FunctionDefinition, event: unknown): Promise<unknown>;
  /** Waits for invocations under way, then ends the worker. */
  stop(): Promise<void>;
}

const workerEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'function-host-worker.ts');

export class FunctionError extends Error {
  constructor(
    readonly functionName: string,
    message: string,
    readonly remoteStack: string,
  ) {
    super(`${functionName}: ${message}`);
    this.name = 'FunctionError';
  }
}

const outputListeners = new Set<(line: string) => void>();

/**
 * Tests: every line the functions write to stdout and stderr (the Powertools log lines) of the
 * hosts started while the listener is registered. Returns the unregistering function.
 */
export function captureFunctionOutput(listener: (line: string) => void): () => void {
  outputListeners.add(listener);
  return () => outputListeners.delete(listener);
}

export function startFunctionHost(environment: Record<string, string>): FunctionHost {
  const listeners = [...outputListeners];
  const capture = listeners.length > 0;
  const worker = new Worker(workerEntry, {
    env: { ...process.env, ...environment },
    execArgv: ['--import', 'tsx'],
    ...(capture ? { stdout: true, stderr: true } : {}),
  });
  if (capture) {
    for (const stream of [worker.stdout, worker.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        for (const listener of listeners) listener(line);
      });
    }
  }
  const pending = new Map<
    string,
    { resolve(value: unknown): void; reject(error: Error): void; name: string }
  >();
  let stopped = false;

  worker.on('message', (outcome: InvocationOutcome) => {
    const waiter = pending.get(outcome.id);
    if (!waiter) return;
    pending.delete(outcome.id);
    if (outcome.ok) waiter.resolve(outcome.result);
    else waiter.reject(new FunctionError(waiter.name, outcome.error.message, outcome.error.stack));
  });
  worker.on('error', (error) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  });

  return {
    invoke(fn, event) {
      if (stopped) return Promise.reject(new Error('The function host has stopped'));
      const id = randomUUID();
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, name: fn.name });
        const invocation: Invocation = {
          id,
          entry: fn.entry,
          functionName: fn.name,
          timeoutSeconds: fn.timeoutSeconds,
          event,
        };
        worker.postMessage(invocation);
      });
    },
    async stop() {
      stopped = true;
      while (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      await worker.terminate();
    },
  };
}
