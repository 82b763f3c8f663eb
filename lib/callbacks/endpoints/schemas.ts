// What an admin may type for a callback endpoint, checked the same way by the
// form and by the domain functions (nothing is stored from input that fails).
import { z } from "zod";
import { CALLBACK_EVENT_NAMES, isCallbackEventName, type TCallbackEventName } from "@/lib/callbacks/catalogue";
import { GRACE_CHOICES, type TGraceChoice } from "@/lib/integrations/grace";

export const MAX_ENDPOINTS_PER_CONNECTION = 10;
export const MAX_CALLBACK_URL_LENGTH = 2_000;
export const MAX_ENDPOINT_DESCRIPTION_LENGTH = 200;

/** An absolute http(s) URL without credentials, stored in its normalised form (what the delivery engine requests). */
export const ZCallbackUrl = z
  .string({ error: "Enter the callback URL." })
  .trim()
  .min(1, "Enter the callback URL.")
  .max(MAX_CALLBACK_URL_LENGTH, `Use at most ${MAX_CALLBACK_URL_LENGTH} characters.`)
  .transform((value, ctx) => {
    // The scheme is checked on the text too: URL() would accept "HTTPS:x" or "http:/host" by repairing it.
    if (!/^https?:\/\/[^/?#\s]/i.test(value)) {
      ctx.addIssue({ code: "custom", message: "Enter an absolute URL starting with http:// or https://." });
      return z.NEVER;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter an absolute URL starting with http:// or https://." });
      return z.NEVER;
    }
    // A user name or password in the URL would be shown on every page and sent in plain sight; signatures authenticate us instead.
    if (url.username !== "" || url.password !== "") {
      ctx.addIssue({ code: "custom", message: "Remove the user name and password from the URL: every request is signed instead." });
      return z.NEVER;
    }
    if (url.href.length > MAX_CALLBACK_URL_LENGTH) {
      ctx.addIssue({ code: "custom", message: `Use at most ${MAX_CALLBACK_URL_LENGTH} characters.` });
      return z.NEVER;
    }
    return url.href;
  });

export const ZEndpointDescription = z
  .string({ error: "Enter a description." })
  .trim()
  .max(MAX_ENDPOINT_DESCRIPTION_LENGTH, `Use at most ${MAX_ENDPOINT_DESCRIPTION_LENGTH} characters.`)
  .refine((v) => !/\p{Cc}/u.test(v), "Remove control characters.")
  .default("");

/**
 * The event types an endpoint receives: names of the catalogue, each once. Empty means every event; so does
 * choosing all of them, which is stored as empty so that events added to the catalogue later arrive too.
 */
export const ZEventTypes = z
  .array(z.string().refine(isCallbackEventName, "Choose event types from the list."), { error: "Choose event types from the list." })
  .max(CALLBACK_EVENT_NAMES.length * 2, "Choose event types from the list.")
  .default([])
  .transform((names) => {
    const chosen = new Set(names as TCallbackEventName[]);
    return chosen.size === CALLBACK_EVENT_NAMES.length ? [] : CALLBACK_EVENT_NAMES.filter((name) => chosen.has(name));
  });

/** How long a rotated-out endpoint secret keeps signing: the connection's grace choices without the 1-hour one. */
export const CALLBACK_OVERLAP_CHOICES = ["immediately", "24h", "7d"] as const satisfies readonly TGraceChoice[];
export type TCallbackOverlap = (typeof CALLBACK_OVERLAP_CHOICES)[number];
export const DEFAULT_CALLBACK_OVERLAP: TCallbackOverlap = "24h";
export const ZCallbackOverlap = z.enum(CALLBACK_OVERLAP_CHOICES, { error: "Choose how long the old secret keeps signing." });
export const overlapLabel = (choice: TCallbackOverlap): string => GRACE_CHOICES[choice].label;

export const ZEndpointInput = z.object({ url: ZCallbackUrl, description: ZEndpointDescription, eventTypes: ZEventTypes });
export type TEndpointInput = z.input<typeof ZEndpointInput>;
