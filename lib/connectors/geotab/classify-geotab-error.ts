// Turns a MyGeotab JSON-RPC error (modern `{code,message,data:{type}}` or legacy `errors[0].name`) into the
// scheduler's error kinds (connector-protocols.md §2.1–2.3).
import { z } from "zod";
import type { TGeotabError } from "./geotab-types";
import { readRetryAfter } from "./read-retry-after";

const ZErrorBody = z.object({
  error: z.object({
    message: z.string().optional(),
    data: z.object({ type: z.string().optional() }).loose().optional(),
    errors: z.array(z.object({ name: z.string().optional(), message: z.string().optional() }).loose()).optional(),
  }).loose(),
});

/** Without Retry-After, wait a full window: Authenticate's limit is per minute. */
const DEFAULT_RATE_LIMIT_MS = 60_000;

/** The classified error in a JSON-RPC body, or null when the body carries none. */
export const classifyGeotabError = ({ body, retryAfter, nowMs }: { body: unknown; retryAfter: string | undefined; nowMs: number }): TGeotabError | null => {
  const parsed = ZErrorBody.safeParse(body);
  if (!parsed.success) return null;
  const { error } = parsed.data;
  const vendorType = error.data?.type ?? error.errors?.[0]?.name ?? "UnknownException";
  const message = (error.message ?? error.errors?.[0]?.message ?? "MyGeotab answered with an error.").slice(0, 500);
  const said = `MyGeotab: ${message} (${vendorType})`;
  switch (vendorType) {
    case "InvalidUserException":
      return { kind: "auth", message: said, vendorType };
    case "OverLimitException": {
      const waitMs = readRetryAfter({ value: retryAfter, nowMs });
      // "Supplied results limit (50001) exceeds maximum limit" is a bad request, not a quota: waiting cannot help.
      if (waitMs === null && /results? limit|maximum limit/i.test(message)) return { kind: "permanent", message: said, vendorType };
      return { kind: "rate_limited", message: said, retryAfterMs: waitMs ?? DEFAULT_RATE_LIMIT_MS, vendorType };
    }
    case "DbUnavailableException":
      // mygeotab-python treats UnknownDatabase as a login failure: the database setting is wrong.
      if (/UnknownDatabase/i.test(message)) return { kind: "auth", message: said, vendorType };
      return { kind: "transient", message: said, vendorType };
    default:
      return { kind: "permanent", message: said, vendorType };
  }
};
