import { AppError } from "@/lib/errors/app-error";
import { ZEndpointInput, type TEndpointInput } from "./schemas";

export type TParsedEndpointInput = { url: string; description: string; eventTypes: string[] };

/** The endpoint fields checked and normalised; bad input is `validation_failed` with the first problem, before anything is stored. */
export const parseEndpointInput = (input: TEndpointInput): TParsedEndpointInput => {
  const parsed = ZEndpointInput.safeParse(input);
  if (!parsed.success) throw new AppError("validation_failed", parsed.error.issues[0]?.message ?? "Please correct the endpoint's fields.");
  return parsed.data;
};
