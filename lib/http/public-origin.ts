import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/** The origin integrators reach us at: PUBLIC_BASE_URL, else this request's host. */
export const getPublicOrigin = async (): Promise<string> => {
  if (env.PUBLIC_BASE_URL) return env.PUBLIC_BASE_URL.replace(/\/$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0] ?? "http";
  return `${proto}://${host}`;
};
