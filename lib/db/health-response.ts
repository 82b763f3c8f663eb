import { lastSecretsCheck, type TSecretsHealth } from "@/lib/crypto/last-secrets-check";
import type { THealth } from "./get-database-health";

/**
 * The health endpoint's answer. 503 only when the database does not answer: this
 * instance cannot land messages then. A processing backlog is answered 200 with
 * `"status": "degraded"`: the backlog lives in the shared database, so every
 * instance would report it, and a load balancer taking them all out of rotation
 * would stop the front door from landing anything while fixing nothing. Alert on it instead.
 * The same holds for stored secrets no configured key opens (start-up's check).
 */
export const healthResponse = ({ database, processing }: THealth, secrets: TSecretsHealth = lastSecretsCheck()): Response => {
  const headers = { "cache-control": "no-store" };
  if (database.status === "up") {
    const degraded = processing.status === "degraded" || secrets.status === "error";
    return Response.json({ status: degraded ? "degraded" : "ok", database, processing, secrets }, { headers });
  }
  console.error(`[health] database unreachable: ${database.error}`);
  return Response.json(
    { error: { code: "database_unavailable", message: "The database is not reachable." }, database: { status: "down" }, processing },
    { status: 503, headers: { ...headers, "retry-after": "5" } },
  );
};
