/**
 * The schemas of the public progress lookup, apart from the staff routes' (schemas.ts): the public
 * function bundles these only.
 */
import * as z from 'zod/mini';
import { caseStatuses } from '../../domain/cases/states.ts';

const instant = z.lazy(() => z.string());

export const publicLookupBodySchema = z.lazy(() =>
  z.object({
    /** Any text: a malformed number answers exactly as an unknown one. */
    caseNo: z.string().check(z.minLength(1), z.maxLength(40)),
    queryCode: z.string().check(z.minLength(1), z.maxLength(32)),
  }),
);

export const publicProgressSchema = z.lazy(() =>
  z.object({
    caseNo: z.string(),
    item: z.object({ code: z.string(), name: z.string() }),
    status: z.enum(caseStatuses),
    statusLabel: z.string(),
    receivedAt: instant,
    acceptedAt: z.nullable(instant),
    steps: z.array(z.object({ at: instant, step: z.string(), status: z.string() })),
    suspensions: z.array(
      z.object({
        procedure: z.string(),
        expected: z.nullable(z.string()),
        start: instant,
        end: z.nullable(instant),
        workdays: z.number(),
      }),
    ),
    extension: z.nullable(z.object({ days: z.number(), reason: z.string(), grantedAt: instant })),
    deadline: z.nullable(
      z.object({
        promisedDueAt: z.nullable(instant),
        statutoryDueAt: z.nullable(instant),
        provisional: z.boolean(),
      }),
    ),
    /** 容缺受理: the materials still owed and their deadline. */
    owed: z.nullable(z.object({ materials: z.array(z.string()), dueAt: instant })),
    result: z.object({
      outcome: z.nullable(z.enum(['approved', 'refused'])),
      outcomeLabel: z.nullable(z.string()),
      collect: z.object({
        methods: z.array(z.string()),
        window: z.nullable(z.string()),
        address: z.nullable(z.string()),
        hours: z.nullable(z.string()),
        phone: z.nullable(z.string()),
      }),
    }),
  }),
);
