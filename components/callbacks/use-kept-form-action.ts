"use client";

import { startTransition, type FormEvent } from "react";

/**
 * A submit handler that runs a form action without React's automatic form reset, so a refused submission
 * keeps everything that was typed and checked (bad input loses nothing).
 */
export const useKeptFormAction = (formAction: (form: FormData) => void) => (event: FormEvent<HTMLFormElement>) => {
  event.preventDefault();
  const form = new FormData(event.currentTarget);
  startTransition(() => formAction(form));
};
