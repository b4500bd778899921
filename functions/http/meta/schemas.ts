import * as z from 'zod/mini';

export const healthSchema = z.lazy(() =>
  z.object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    time: z.string(),
  }),
);
export type Health = z.infer<typeof healthSchema>;

export const meSchema = z.lazy(() =>
  z.object({
    subject: z.string(),
    username: z.string(),
    roles: z.array(z.string()),
    roleLabels: z.array(z.string()),
  }),
);
export type Me = z.infer<typeof meSchema>;
