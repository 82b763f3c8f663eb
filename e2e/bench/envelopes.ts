// Distinct signed envelopes of 100 positions over 1,000 units: message k
// carries units (100k + i) mod 1000 at time base + k seconds, so no two
// positions share (unit, at) and none is a duplicate.
import { createHmac } from "node:crypto";

export const POSITIONS_PER_MESSAGE = 100;
export const UNITS = 1_000;
const BASE = Date.parse("2026-01-01T00:00:00Z");

export const envelopeBody = (k: number, offset = 0): string => {
  const at = new Date(BASE + (offset + k) * 1000).toISOString();
  const parts: string[] = [];
  for (let i = 0; i < POSITIONS_PER_MESSAGE; i++) {
    const unit = (k * POSITIONS_PER_MESSAGE + i) % UNITS;
    const lat = 47 + (unit % 500) / 100;
    const lng = 6 + ((unit * 7) % 900) / 100;
    parts.push(`{"externalUnitId":"BENCH-${unit}","at":"${at}","lat":${lat},"lng":${lng},"speedKmh":${(k + i) % 120},"headingDeg":${(k * 3 + i) % 360},"isMoving":true}`);
  }
  return `{"positions":[${parts.join(",")}]}`;
};

export const sign = (body: string, secret: string): string => createHmac("sha256", secret).update(body).digest("hex");
