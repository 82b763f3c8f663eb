// A batch of distinct signed envelopes and the fixes they carry, so a test can
// compute what processing each message exactly once must leave behind.
import { createHmac } from "node:crypto";

export type TFix = { unit: string; at: string; lat: number; lng: number; speedKmh: number; headingDeg: number };
export type TEnvelope = { index: number; body: string; fixes: TFix[]; repeats: number };

/** The HMAC-SHA256 hex signature the front door checks in `x-betakom-signature`. */
export const signBody = ({ body, secret }: { body: string; secret: string }): string => createHmac("sha256", secret).update(body).digest("hex");

/**
 * `messages` envelopes of `perMessage` positions over `units` units, one second apart and starting
 * hours in the past (never future, never stale). Every tenth message repeats the first fix of the one
 * before it instead of its own last fix: a duplicate across messages, stored once whichever comes first.
 */
export const buildEnvelopes = ({ messages, perMessage, units, prefix, now = Date.now() }: { messages: number; perMessage: number; units: number; prefix: string; now?: number }): TEnvelope[] => {
  const start = Math.floor(now / 1000) * 1000 - (messages * perMessage + 3_600) * 1000;
  const fixOf = (k: number): TFix => ({
    unit: `${prefix}-${String(k % units).padStart(3, "0")}`,
    at: new Date(start + k * 1000).toISOString(),
    lat: 47 + (k % 400) / 100,
    lng: 6 + (k % 900) / 100,
    speedKmh: k % 120,
    headingDeg: k % 360,
  });
  const envelopes: TEnvelope[] = [];
  for (let m = 0; m < messages; m++) {
    const fixes = Array.from({ length: perMessage }, (_, i) => fixOf(m * perMessage + i));
    const repeats = m % 10 === 9 ? 1 : 0;
    if (repeats) fixes[perMessage - 1] = envelopes[m - 1]!.fixes[0]!;
    const positions = fixes.map((f) => ({ externalUnitId: f.unit, at: f.at, lat: f.lat, lng: f.lng, speedKmh: f.speedKmh, headingDeg: f.headingDeg, isMoving: true }));
    envelopes.push({ index: m, body: JSON.stringify({ positions }), fixes, repeats });
  }
  return envelopes;
};
