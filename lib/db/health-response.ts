import type { TDatabaseHealth } from "./check-database";

/** The health endpoint's answer: 200 with the database status, or 503 in the one error shape. */
export const healthResponse = (health: TDatabaseHealth): Response => {
  const headers = { "cache-control": "no-store" };
  if (health.status === "up") return Response.json({ status: "ok", database: health }, { headers });
  console.error(`[health] database unreachable: ${health.error}`);
  return Response.json(
    { error: { code: "database_unavailable", message: "The database is not reachable." }, database: { status: "down" } },
    { status: 503, headers: { ...headers, "retry-after": "5" } },
  );
};
