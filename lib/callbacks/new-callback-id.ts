import { randomBytes } from "node:crypto";

/**
 * A callback id: a prefix (evt, dlv, cbe), the time in base 36 (so ids sort by creation) and 80 random bits.
 * Never contains a "." (Standard Webhooks signs "{id}.{timestamp}.{body}").
 */
export const newCallbackId = (prefix: "evt" | "dlv" | "cbe", now = Date.now()): string => `${prefix}_${now.toString(36).padStart(9, "0")}${randomBytes(10).toString("hex")}`;
