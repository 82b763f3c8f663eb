// Pages anyone may open. Everything else needs a session.
const exact = new Set(["/", "/login", "/signup"]);

/** True for the landing page, sign-in, sign-up and invite links. */
export const isPublicPath = (pathname: string): boolean => exact.has(pathname) || pathname.startsWith("/invite/");

/** A post-sign-in destination that stays on this site (no open redirects). */
export const safeCallbackPath = (value: unknown, fallback = "/fleet"): string =>
  typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
