import type { z } from "zod";
import { actionError, validationError, type TActionResult } from "./action-result";
import type { TErrorCode } from "./error-status";

/**
 * The body every server action shares: validate the input, run the change,
 * and turn failures into a result the form shows. (A redirect must happen
 * after this returns: Next signals it by throwing.)
 */
export const runAction = async <S extends z.ZodType, T>({ schema, input, run, fieldFor }: { schema: S; input: unknown; run: (data: z.infer<S>) => Promise<T>; fieldFor?: Partial<Record<TErrorCode, string>> }): Promise<TActionResult<T>> => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return validationError(parsed.error);
  try {
    return { ok: true, data: await run(parsed.data) };
  } catch (error) {
    return actionError(error, fieldFor);
  }
};

/** The named fields of a submitted form, for parsing (missing ones are undefined). */
export const formFields = (form: FormData, ...keys: string[]): Record<string, unknown> =>
  Object.fromEntries(keys.map((key) => [key, form.get(key) ?? undefined]));
