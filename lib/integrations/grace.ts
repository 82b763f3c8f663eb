// How long a rotated-out credential keeps working. Each credential keeps at
// most one previous value; rotating again replaces it, ending its grace at once.
import { z } from "zod";

const HOUR = 60 * 60 * 1000;

export const GRACE_CHOICES = {
  immediately: { label: "Immediately", ms: 0 },
  "1h": { label: "1 hour", ms: HOUR },
  "24h": { label: "24 hours", ms: 24 * HOUR },
  "7d": { label: "7 days", ms: 7 * 24 * HOUR },
} as const;

export type TGraceChoice = keyof typeof GRACE_CHOICES;
export const DEFAULT_GRACE: TGraceChoice = "24h";
export const ZGraceChoice = z.enum(Object.keys(GRACE_CHOICES) as [TGraceChoice, ...TGraceChoice[]], { error: "Choose how long the old value keeps working." });

/** Until when the previous value stays valid; null when it stops at once. */
export const graceDeadline = ({ choice, now }: { choice: TGraceChoice; now: Date }): Date | null => {
  const ms = GRACE_CHOICES[choice].ms;
  return ms === 0 ? null : new Date(now.getTime() + ms);
};

/** True while a previous value's grace is running. */
export const isInGrace = ({ expiresAt, now }: { expiresAt: Date | null | undefined; now: Date }): boolean =>
  expiresAt instanceof Date && expiresAt.getTime() > now.getTime();
