"use client";

import { useState, type FormEvent } from "react";
import type { z } from "zod";
import type { TActionFailure } from "@/lib/errors/action-result";
import { fieldErrorsOf } from "@/lib/errors/field-errors";

/**
 * The flow the account forms share: validate in the browser, submit, and show
 * what went wrong next to the field (or above the form). `submit` returns a
 * failure to show, or nothing once it has navigated away.
 */
export const useAccountForm = <T>(schema: z.ZodType<T>, submit: (data: T) => Promise<TActionFailure | void>) => {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const parsed = schema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) return setFieldErrors(fieldErrorsOf(parsed.error));
    setFieldErrors({});
    setPending(true);
    const failure = await submit(parsed.data);
    if (!failure) return;
    setPending(false);
    setFieldErrors(failure.fieldErrors ?? {});
    setFormError(failure.fieldErrors ? null : failure.error.message);
  };

  return { fieldErrors, formError, pending, onSubmit };
};
