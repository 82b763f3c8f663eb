import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

// What a Host header may look like when shown: a host name or [IPv6] address with an optional port, nothing else.
const SAFE_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin integrators reach us at, for URLs shown to users only:
 * PUBLIC_BASE_URL, else NEXTAUTH_URL, else (development) the host the browser
 * asked for. The request's headers are the client's to choose, so this is
 * never a target for a request the server makes (see send-test-message.ts),
 * and X-Forwarded-Host/-Proto are not read at all: behind a proxy, set one of the two URLs.
 */
export const getPublicOrigin = async (): Promise<string> => {
  if (env.PUBLIC_BASE_URL) return env.PUBLIC_BASE_URL.replace(/\/$/, "");
  // next-auth's URL may carry its own path (/api/auth): only its origin is ours.
  if (env.NEXTAUTH_URL) return new URL(env.NEXTAUTH_URL).origin;
  const host = (await headers()).get("host") ?? "";
  return `http://${SAFE_HOST.test(host) ? host : `localhost:${env.PORT}`}`;
};
