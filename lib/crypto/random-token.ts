import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A URL-safe random token of `bytes` random bytes (base64url). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString("base64url");

/** SHA-256 of a token, hex: what we store and look tokens up by. */
export const sha256Hex = (value: string | Uint8Array): string => createHash("sha256").update(value).digest("hex");

/** Compares two strings in constant time (for equal lengths). */
export const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};
