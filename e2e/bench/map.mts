// npm run bench:map — seeds 10,000 units with 10 million positions in
// PostgreSQL, then measures the latest-positions query and route, one unit's
// 12-hour track, and how long the map page takes to show all units in
// headless Chromium. Writes e2e/bench/map-report.md.
//
// BENCH_UNITS (10000), BENCH_POSITIONS (10000000), BENCH_DATABASE_URL, BENCH_SKIP_BUILD=1.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { chromium } from "@playwright/test";
import { startBenchDatabase } from "./start-bench-database";

const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
const POSITIONS = Number(process.env.BENCH_POSITIONS ?? 10_000_000);
const RUNS = 40;
const PORT = 3310;
const base = `http://127.0.0.1:${PORT}`;
const log = (message: string) => console.log(`[bench:map] ${message}`);
const running: { server?: ChildProcess } = {};

const database = await startBenchDatabase("portal_map_bench");
process.on("exit", () => {
  if (running.server?.pid) {
    try {
      process.kill(-running.server.pid, "SIGTERM");
    } catch {
      // gone
    }
  }
  database.stop();
});
const appEnv = { ...process.env, NODE_ENV: "production" as const, DATABASE_URL: database.databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString("base64"), SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64"), NEXTAUTH_URL: base };
Object.assign(process.env, appEnv);
execFileSync("npx", ["tsx", "prisma/tools/migrate.mts"], { stdio: "inherit", env: appEnv });
if (process.env.BENCH_SKIP_BUILD !== "1") execFileSync("npx", ["next", "build"], { stdio: "inherit", env: appEnv });

const { signUp } = await import("@/lib/companies/sign-up");
const { disconnectDb } = await import("@/lib/db/client");
const email = `map-bench-${Date.now()}@example.com`;
const password = "bench password 123";
const { companyId } = await signUp({ companyName: "Map Bench", name: "Bench", email, password });
await disconnectDb();

const db = new pg.Client({ connectionString: database.databaseUrl });
await db.connect();
const seedStarted = performance.now();
// Positions every minute per unit going back from now; the latest fix per unit sits on the unit row.
await db.query(`SET synchronous_commit = off`);
await db.query(
  `INSERT INTO units (id, company_id, external_unit_id, driver_name, latest_at, latest_lat, latest_lng, latest_speed_kmh, latest_heading_deg, latest_is_moving, latest_ignition_on)
   SELECT 'bench-' || i, $1, 'BENCH-' || lpad(i::text, 5, '0'), 'Driver ' || i, now() - (i % 50) * interval '1 minute',
          47 + (i % 97) * 0.06, 6 + (i % 131) * 0.07, (i % 90)::float8, (i * 37 % 360)::float8, i % 3 <> 0, i % 5 <> 0
   FROM generate_series(1, $2::int) AS i`, [companyId, UNITS]);
const perUnit = Math.ceil(POSITIONS / UNITS);
for (let chunk = 0; chunk < perUnit; chunk += 50) {
  await db.query(
    `INSERT INTO positions (company_id, unit_id, at, lat, lng, speed_kmh, heading_deg, message_id)
     SELECT $1, 'bench-' || u, now() - (k * interval '1 minute'), 47 + (u % 97) * 0.06 + k * 0.0001, 6 + (u % 131) * 0.07, (k % 90)::float8, (k % 360)::float8, 'seed'
     FROM generate_series(1, $2::int) AS u, generate_series($3::int, $4::int) AS k`,
    [companyId, UNITS, chunk, Math.min(perUnit, chunk + 50) - 1],
  );
}
await db.query("ANALYZE units; ANALYZE positions");
const { rows: [count] } = await db.query("SELECT count(*)::int AS n FROM positions");
log(`seeded ${UNITS} units and ${count.n} positions in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
};
const time = async (work: () => Promise<unknown>) => {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return stats(samples);
};

const latestSql = `SELECT id, external_unit_id, driver_name, latest_at, latest_lat, latest_lng, latest_speed_kmh, latest_heading_deg, latest_is_moving, latest_ignition_on FROM units WHERE company_id = $1 ORDER BY external_unit_id`;
const latestQuery = await time(() => db.query(latestSql, [companyId]));
const plan = (await db.query(`EXPLAIN ${latestSql}`, [companyId])).rows.map((r) => r["QUERY PLAN"]).join("\n");
const trackSql = `SELECT at, lat, lng FROM positions WHERE unit_id = $1 AND at BETWEEN now() - interval '12 hours' AND now() ORDER BY at`;
const trackQuery = await time(() => db.query(trackSql, ["bench-4242"]));
const trackPlan = (await db.query(`EXPLAIN ${trackSql}`, ["bench-4242"])).rows.map((r) => r["QUERY PLAN"]).join("\n");
log(`latest query p50 ${latestQuery.p50.toFixed(1)} ms; track query p50 ${trackQuery.p50.toFixed(1)} ms`);

running.server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT)], { env: appEnv, stdio: ["ignore", "inherit", "inherit"], detached: true });
for (let i = 0; i < 120 && !(await fetch(`${base}/api/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 500));

// Sign in the way the browser does, to call the routes with a session.
const jar: string[] = [];
const remember = (response: Response) => response.headers.getSetCookie().forEach((c) => jar.push(c.split(";")[0]!));
const csrfResponse = await fetch(`${base}/api/auth/csrf`);
remember(csrfResponse);
const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
const signIn = await fetch(`${base}/api/auth/callback/credentials`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") }, body: new URLSearchParams({ csrfToken, email, password, json: "true" }) });
remember(signIn);
const cookie = jar.join("; ");
const getJson = async (path: string) => {
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
};
// Timed to the last byte received; parsing 3 MB of JSON is the client's cost, not the route's.
const getText = async (path: string, encoding = "gzip, deflate, br") => {
  const response = await fetch(`${base}${path}`, { headers: { cookie, "accept-encoding": encoding } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.text();
};
const units = (await getJson("/api/v1/carriers-module/my-company/fleet/units")) as { features: unknown[] };
if (units.features.length !== UNITS) throw new Error(`expected ${UNITS} units, got ${units.features.length}`);
const latestRoute = await time(() => getText("/api/v1/carriers-module/my-company/fleet/units"));
const latestRouteIdentity = await time(() => getText("/api/v1/carriers-module/my-company/fleet/units", "identity"));
const payloadBytes = (await getText("/api/v1/carriers-module/my-company/fleet/units", "identity")).length;
const trackRoute = await time(() => getText("/api/v1/carriers-module/my-company/fleet/units/bench-4242/track"));
log(`latest route p50 ${latestRoute.p50.toFixed(1)} ms; track route p50 ${trackRoute.p50.toFixed(1)} ms`);

const browser = await chromium.launch({ executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
const context = await browser.newContext({ viewport: { width: 1400, height: 950 } });
await context.addCookies(cookie.split("; ").map((c) => ({ name: c.split("=")[0]!, value: c.slice(c.indexOf("=") + 1), url: base })));
const page = await context.newPage();
const renders: number[] = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  await page.goto(`${base}/fleet/map`);
  await page.getByText(`${UNITS} of ${UNITS} units`).waitFor({ timeout: 60_000 });
  await page.getByRole("button", { name: /BENCH-00001/ }).waitFor();
  renders.push(performance.now() - started);
}
const searchStarted = performance.now();
await page.getByLabel("Search units").fill("BENCH-04242");
await page.getByText(`1 of ${UNITS} units`, { exact: true }).waitFor();
const searchMs = performance.now() - searchStarted;
const domRows = await page.getByRole("list", { name: "Units" }).getByRole("listitem").count();
await browser.close();
await db.end();
log(`page: ${stats(renders).p50.toFixed(0)} ms to list all units; search ${searchMs.toFixed(0)} ms; ${domRows} rows in the DOM`);

const ms = (v: number) => `${v.toFixed(1)} ms`;
const report = `# Map benchmark

Run ${new Date().toISOString()} by \`npm run bench:map\` on ${os.cpus().length} cores, Node ${process.version}, PostgreSQL ${database.pgVersion}: ${UNITS.toLocaleString("en")} units, ${count.n.toLocaleString("en")} positions (one a minute per unit). ${RUNS} runs each.

| Measure | p50 | p95 | Target |
| --- | --- | --- | --- |
| Latest positions of all units, SQL | ${ms(latestQuery.p50)} | ${ms(latestQuery.p95)} | < 100 ms |
| Latest positions, route (\`GET …/fleet/units\`, GeoJSON, ${UNITS} features, ${(payloadBytes / 1e6).toFixed(1)} MB), gzip as browsers ask | ${ms(latestRoute.p50)} | ${ms(latestRoute.p95)} | < 100 ms |
| The same without compression (\`accept-encoding: identity\`) | ${ms(latestRouteIdentity.p50)} | ${ms(latestRouteIdentity.p95)} | |
| One unit's 12-hour track, SQL | ${ms(trackQuery.p50)} | ${ms(trackQuery.p95)} | |
| One unit's 12-hour track, route | ${ms(trackRoute.p50)} | ${ms(trackRoute.p95)} | |
| Map page until all ${UNITS} units are listed (headless Chromium, 3 loads) | ${ms(stats(renders).p50)} | ${ms(Math.max(...renders))} (max) | |

Search typed into the unit list answered in ${searchMs.toFixed(0)} ms; the virtualised list held ${domRows} rows in the DOM for ${UNITS} units.

Query plans:

\`\`\`
${plan}

${trackPlan}
\`\`\`
`;
writeFileSync(`${process.cwd()}/e2e/bench/map-report.md`, report);
console.log(`\n${report}`);
process.exit(0);
