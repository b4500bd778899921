/**
 * The schemas the areas share, and the rule of every schema module under functions/http: a schema
 * is built on first use (`z.lazy`), not when its module loads. A function bundles its area's whole
 * route list but validates its own routes' requests only, and the response schemas serve the
 * OpenAPI document alone; built at import, they would cost each cold start milliseconds (zod/mini
 * builds every node of a schema, some 10 µs apiece before the code is warm). A shape that another
 * schema extends is a factory (`problemObject`): a lazy schema has no shape to extend.
 */
import * as z from 'zod/mini';

const problemObject = () =>
  z.object({
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
/** RFC 9457 problem details, with the field paths and rules a client needs to fix its request. */
export const problemSchema = z.lazy(problemObject);
export type Problem = z.infer<typeof problemSchema>;

const noMarkup = () => z.regex(/^[^<>]*$/, { error: '不得包含 < 或 > 等标记字符。' });

/**
 * Free text typed by the public (complaints, rating comments): not blank, at most `max`
 * characters, and no markup — `<` and `>` are refused, so nothing stored can render as HTML
 * wherever it is shown later.
 */
export const plainText = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.regex(/\S/, { error: '不能只含空白。' }), noMarkup());

export const optionalPlainText = (max: number) => z.optional(z.string().check(z.maxLength(max), noMarkup()));

/** A 409 on a versioned record: the version and status it has now, so the client can reload. */
export const conflictProblemSchema = z.lazy(() =>
  z.extend(problemObject(), {
    currentVersion: z.optional(z.nullable(z.number())),
    currentStatus: z.optional(z.nullable(z.string())),
  }),
);
