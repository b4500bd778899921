import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { startClock } from '../../../functions/domain/clocks/clock.ts';
import { buildEvents, levelChanges, type Subject } from '../../../functions/domain/supervision/index.ts';
import { eventBridgeBus, isLocalBus } from '../../../functions/store/supervision/event-bus.ts';
import { clocks } from '../cases/fixtures.ts';

const subject: Subject = {
  kind: 'case',
  id: 'YC0001-20261102-0001',
  title: '社会团体变更登记',
  department: 'mz',
  window: 'mz-01',
  handler: 'clerk',
  clocks: Array.from({ length: 12 }, (_, i) => [
    `c${i}`,
    startClock({ kind: 'generic', start: '2026-11-02T10:00:00+08:00', budget: 10 }),
  ]),
};
const events = buildEvents(
  subject,
  levelChanges(subject, {}, '2026-11-20T09:00:00+08:00', clocks),
  '2026-11-20T09:00:00+08:00',
  clocks,
);

describe('the event bus port', () => {
  it('is the local bus in the local runtime, EventBridge otherwise', () => {
    expect(isLocalBus({ EVENT_BUS_MODE: 'local', EVENT_BUS_NAME: 'yichuang' })).toBe(true);
    expect(isLocalBus({ EVENT_BUS_NAME: 'yichuang-local' })).toBe(true);
    expect(isLocalBus({ EVENT_BUS_NAME: 'yichuang' })).toBe(false);
    expect(isLocalBus({ EVENT_BUS_MODE: 'eventbridge', EVENT_BUS_NAME: 'yichuang-local' })).toBe(false);
  });

  it('puts events to EventBridge in batches of 10, with the deterministic id in the detail', async () => {
    const sent: {
      Entries: { Detail: string; DetailType: string; Source: string; EventBusName: string }[];
    }[] = [];
    const client = {
      send: async (command: { input: (typeof sent)[number] }) => {
        sent.push(command.input);
        return { FailedEntryCount: 0, Entries: command.input.Entries.map(() => ({ EventId: 'x' })) };
      },
    } as unknown as EventBridgeClient;
    expect(events).toHaveLength(12);
    expect(await eventBridgeBus('yichuang', client).publish(events)).toEqual({
      published: 12,
      duplicates: 0,
    });
    expect(sent.map((batch) => batch.Entries.length)).toEqual([10, 2]);
    const first = sent[0]?.Entries[0];
    expect(first).toMatchObject({
      Source: 'yichuang.supervision',
      DetailType: 'CaseRedCard',
      EventBusName: 'yichuang',
    });
    expect(JSON.parse(first?.Detail ?? '{}').eventId).toBe(events[0]?.eventId);
  });

  it('sends again only the entries EventBridge failed, until it takes them', async () => {
    const sent: string[][] = [];
    const client = {
      send: async (command: { input: { Entries: { Detail: string }[] } }) => {
        const ids = command.input.Entries.map((entry) => JSON.parse(entry.Detail).eventId as string);
        sent.push(ids);
        // The first request of the first batch: its third entry is throttled.
        const failing = sent.length === 1 ? 2 : -1;
        return {
          FailedEntryCount: failing >= 0 ? 1 : 0,
          Entries: ids.map((_, i) =>
            i === failing
              ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }
              : { EventId: 'x' },
          ),
        };
      },
    } as unknown as EventBridgeClient;
    expect(await eventBridgeBus('yichuang', client).publish(events.slice(0, 10))).toEqual({
      published: 10,
      duplicates: 0,
    });
    expect(sent).toEqual([events.slice(0, 10).map((event) => event.eventId), [events[2]?.eventId]]);
  });

  it('fails the sweep when EventBridge refuses an entry, so the outbox stays for the retry', async () => {
    const client = {
      send: async () => ({
        FailedEntryCount: 1,
        Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
      }),
    } as unknown as EventBridgeClient;
    await expect(eventBridgeBus('yichuang', client).publish(events.slice(0, 1))).rejects.toThrow(
      /InternalFailure/,
    );
  });
});
