// The result shape every server action returns, so forms show errors inline.
import type { z } from "zod";
import { isAppError } from "./app-error";
import type { TErrorCode } from "./error-status";
import { fieldErrorsOf } from "./field-errors";

export type TActionFailure = { ok: false; error: { code: string; message: string }; fieldErrors?: Record<string, string> };
export type TActionResult<T = void> = { ok: true; data: T } | TActionFailure;

/** A thrown error as a failed result; `fieldFor` shows chosen codes next to a field. Unknown errors are logged, answered generically. */
export const actionError = (error: unknown, fieldFor: Partial<Record<TErrorCode, string>> = {}): TActionFailure => {
  if (!isAppError(error)) {
    console.error("[action]", error);
    return { ok: false, error: { code: "internal_error", message: "Something went wrong on our side. Please try again." } };
  }
  const field = fieldFor[error.code];
  return { ok: false, error: { code: error.code, message: error.message }, ...(field ? { fieldErrors: { [field]: error.message } } : {}) };
};

/** A zod failure as per-field messages for the form. */
export const validationError = (error: z.ZodError): TActionFailure => {
  return { ok: false, error: { code: "validation_failed", message: "Please correct the highlighted fields." }, fieldErrors: fieldErrorsOf(error) };
};
