// The result shape every server action returns, so forms show errors inline.
import { isAppError } from "./app-error";
import { z } from "zod";

export type TActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string }; fieldErrors?: Record<string, string> };

/** Converts a thrown error into a failed action result (unknown errors logged, generic message). */
export const actionError = (error: unknown): TActionResult<never> => {
  if (isAppError(error)) return { ok: false, error: { code: error.code, message: error.message } };
  console.error("[action]", error);
  return { ok: false, error: { code: "internal_error", message: "Something went wrong on our side. Please try again." } };
};

/** Converts a zod failure into per-field messages for the form. */
export const validationError = (error: z.ZodError): TActionResult<never> => {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, error: { code: "validation_failed", message: "Please correct the highlighted fields." }, fieldErrors };
};
