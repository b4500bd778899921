import * as z from 'zod/mini';

/** RFC 9457 problem details, with the field paths and rules a client needs to fix its request. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(
    z.array(
      z.object({
        field: z.string(),
        rule: z.string(),
        message: z.string(),
      }),
    ),
  ),
});
export type Problem = z.infer<typeof problemSchema>;

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  time: z.string(),
});
export type Health = z.infer<typeof healthSchema>;

export const meSchema = z.object({
  subject: z.string(),
  username: z.string(),
  roles: z.array(z.string()),
  roleLabels: z.array(z.string()),
});
export type Me = z.infer<typeof meSchema>;
