import type { z } from "zod";

/** The first message per field of a zod error, for showing next to each input (browser and server alike). */
export const fieldErrorsOf = (error: z.ZodError): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
};
