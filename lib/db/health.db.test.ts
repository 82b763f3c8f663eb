import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/db/generated/client";
import { checkDatabase } from "./check-database";
import { getDatabaseHealth } from "./get-database-health";
import { healthResponse } from "./health-response";

describe("database health", () => {
  it("is up, with 200, when the database answers", async () => {
    const health = await getDatabaseHealth();
    expect(health.status).toBe("up");
    const response = healthResponse(health);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { status: "up" } });
  });

  it("is down, with 503 and Retry-After, when the database is unreachable", async () => {
    // Port 1 on loopback: nothing listens, so the connection is refused.
    const unreachable = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://nobody@127.0.0.1:1/none", connectionTimeoutMillis: 500 }) });
    const health = await checkDatabase({ client: unreachable, timeoutMs: 2_000 });
    expect(health.status).toBe("down");
    const response = healthResponse(health);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ error: { code: "database_unavailable" } });
    await unreachable.$disconnect();
  });
});
