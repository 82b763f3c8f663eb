// Pages anyone may open. Everything else needs a session.
import { env } from "@/lib/env";

const exact = new Set(["/", "/login", "/signup"]);

/** True for the landing page, sign-in, sign-up and invite links. */
export const isPublicPath = (pathname: string): boolean => exact.has(pathname) || pathname.startsWith("/invite/");

// Browsers and the URL parser drop tabs and newlines ("/\t/evil.example" becomes
// "//evil.example", another host), so a value containing any is refused outright.
const CONTROL = /[\u0000-\u001f\u007f]/;

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * A post-sign-in destination on the portal's own origin, as a path (no open redirects).
 * The value is resolved the way a browser would resolve it and must land on `origin`;
 * the path returned is the resolved one, re-checked, so what is used is what was checked.
 */
export const safeCallbackPath = ({ value, origin = env.NEXTAUTH_URL ?? "http://localhost:3000", fallback = "/fleet" }: { value: unknown; origin?: string; fallback?: string }): string => {
  const base = originOf(origin);
  if (!base || typeof value !== "string" || value.length > 2_000 || CONTROL.test(value)) return fallback;
  // Only a path or an absolute URL: a relative "fleet" depends on the page it is resolved on.
  if (!value.startsWith("/") && !/^[a-z][a-z0-9+.-]*:/i.test(value)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(value, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example", which a later resolution reads as a host.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return new URL(path, base).origin === base ? path : fallback;
};
