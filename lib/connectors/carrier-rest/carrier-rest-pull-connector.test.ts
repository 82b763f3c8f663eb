// The carrier-rest pull connector and its connection test against the fake carrier API on 127.0.0.1.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Agent } from "undici";
import { findPullConnector } from "@/lib/connectors/pull/registry";
import type { TFetchResult, TPulledPage, TPullContext } from "@/lib/connectors/pull/types";
import { MAX_ENTRIES, normalizeEnvelope } from "@/lib/ingest/normalize/normalize-envelope";
import { EXAMPLE_ENVELOPE } from "@/lib/integrations/example-envelope";
import { createGuardedAgent } from "@/lib/net/create-guarded-agent";
import { parseAllowedCidrs } from "@/lib/net/parse-allowed-cidrs";
import { generateLocations } from "@/lib/test/fakes/carrier-rest/generate-locations";
import { CARRIER_REST_PATHS, startFakeCarrierRest, type TFakeCarrierRest, type TFakeCarrierRestOptions } from "@/lib/test/fakes/carrier-rest/start-fake-carrier-rest";
import type { TFakeLocation } from "@/lib/test/fakes/carrier-rest/types";
import { carrierRestPullConnector } from "./carrier-rest-pull-connector";
import { mapRestPage } from "./map-rest-page";
import { CARRIER_REST_PRESETS } from "./presets";
import type { TCarrierRestSettingsInput } from "./settings";
import { testCarrierRestConnection } from "./test-carrier-rest-connection";

const loopback = parseAllowedCidrs("127.0.0.0/8");
if (!loopback.ok) throw new Error("bad test CIDR");
let agent: Agent;
let closedAgent: Agent;
beforeAll(() => {
  agent = createGuardedAgent({ allowedCidrs: loopback.cidrs });
  closedAgent = createGuardedAgent({ allowedCidrs: [] });
});
afterAll(async () => {
  await agent.close();
  await closedAgent.close();
});

const fakes: TFakeCarrierRest[] = [];
afterEach(async () => {
  while (fakes.length > 0) await fakes.pop()!.stop();
  vi.restoreAllMocks();
});
const start = async (options: TFakeCarrierRestOptions) => {
  const fake = await startFakeCarrierRest(options);
  fakes.push(fake);
  return fake;
};

const preset = (id: string) => CARRIER_REST_PRESETS.find((p) => p.id === id)!.settings;
const samsara = (fake: TFakeCarrierRest, extra: Partial<TCarrierRestSettingsInput> = {}) => ({ baseUrl: fake.url, ...preset("samsara-feed"), ...extra });
const canonical = (fake: TFakeCarrierRest, extra: Partial<TCarrierRestSettingsInput> = {}) => ({ baseUrl: fake.url, ...preset("canonical-envelope"), path: CARRIER_REST_PATHS.canonical, timeoutMs: 1_000, ...extra });

/** A context as the poll cycle builds it: stored values come back from JSON (the cursor column, the sealed session). */
const contextFor = (settings: unknown, overrides: Partial<TPullContext> = {}): TPullContext => ({ connectionId: "conn-1", settings, secrets: null, cursor: null, session: null, now: new Date(), dispatcher: agent, ...overrides });
const stored = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

const okPage = (result: TFetchResult): TPulledPage => {
  if (!result.ok) throw new Error(`expected a page, got ${result.error.kind}: ${result.error.message}`);
  return result.page;
};
const failure = (result: TFetchResult) => {
  if (result.ok) throw new Error("expected an error");
  return result.error;
};
const positionsOf = (page: TPulledPage) => page.messages.flatMap((m) => m.envelope.positions as { externalUnitId: string; at: string; speedKmh: number }[]);
const keyOf = (fix: TFakeLocation) => `position:${fix.vehicleId}\u0000${new Date(fix.time).toISOString()}`;

describe("carrierRestPullConnector: pages, cursor, session", () => {
  it("is registered under its slug with the minimum interval of 1 s", () => {
    expect(findPullConnector("carrier-rest")).toBe(carrierRestPullConnector);
    expect(carrierRestPullConnector.minIntervalSeconds).toBe(1);
    expect(carrierRestPullConnector.afterCommit).toBeUndefined();
  });

  it("first page (Samsara-style preset): the latest fix per vehicle mapped to km/h, the vendor's text kept, a JSON cursor, no more now", async () => {
    const locations = generateLocations({ vehicles: 3, perVehicle: 2 });
    const fake = await start({ auth: { type: "bearer", token: "tok-1" }, locations });
    const result = await carrierRestPullConnector.fetchPage(contextFor(samsara(fake), { secrets: { token: "tok-1" } }));
    const page = okPage(result);
    const latest = locations.slice(3);
    expect(page.messages).toHaveLength(1);
    expect(positionsOf(page).map((p) => [p.externalUnitId, p.at])).toEqual(latest.map((l) => [l.vehicleId, l.time]));
    expect(positionsOf(page)[0]!.speedKmh).toBeCloseTo(latest[0]!.speedKmh, 6);
    expect(page.messages[0]!.recordKeys).toEqual(latest.map(keyOf));
    expect(page.vendorPayload.contentType).toBe("application/json");
    expect(JSON.parse(page.vendorPayload.body)).toMatchObject({ data: expect.any(Array), pagination: { hasNextPage: false } });
    expect(page.hasMore).toBe(false);
    expect(stored(page.nextCursor)).toEqual(page.nextCursor);
    expect(page.nextCursor).toMatchObject({ next: { type: "cursor", value: expect.any(String) } });
    // Bearer has no session to keep.
    expect(result.session).toBeUndefined();
  });

  it("cursor continuity: from the stored cursor, every appended fix exactly once, through empty pages with hasNextPage true", async () => {
    const fake = await start({ auth: { type: "bearer", token: "tok-1" }, locations: generateLocations({ vehicles: 3, perVehicle: 1 }), feedPageSize: 4 });
    const settings = samsara(fake);
    const secrets = { token: "tok-1" };
    let cursor = stored(okPage(await carrierRestPullConnector.fetchPage(contextFor(settings, { secrets }))).nextCursor);
    const appended = generateLocations({ vehicles: 3, perVehicle: 3, firstVehicle: 1, from: new Date(Date.now() - 10_000), intervalSeconds: 1 });
    fake.state.locations.push(...appended);
    fake.faults.emptyFeedPages = 1;
    const keys: string[] = [];
    const more: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      const page = okPage(await carrierRestPullConnector.fetchPage(contextFor(settings, { secrets, cursor })));
      keys.push(...page.messages.flatMap((m) => m.recordKeys));
      more.push(page.hasMore);
      cursor = stored(page.nextCursor);
      if (!page.hasMore) break;
    }
    // The empty page lands nothing (no message), and paging goes on.
    expect(more).toEqual([true, true, true, false]);
    // Each page groups its fixes by vehicle (as Samsara does), so compare as sets, and count for doubles.
    expect([...keys].sort()).toEqual(appended.map(keyOf).sort());
    // The next poll from the last cursor: nothing twice.
    const after = okPage(await carrierRestPullConnector.fetchPage(contextFor(settings, { secrets, cursor })));
    expect(after.messages).toEqual([]);
  });

  it("a page fetched again from the same cursor (crash before commit) has the same record keys, so its landing is de-duplicated", async () => {
    const fake = await start({ locations: generateLocations({ vehicles: 2, perVehicle: 3 }), pageNumber: { defaultPageSize: 4 } });
    const settings = {
      baseUrl: fake.url,
      path: CARRIER_REST_PATHS.pageNumber,
      pagination: { type: "page", pageParam: "page_no", pageSizeParam: "per_page", pageSize: 4, recordsPath: "locations", totalPath: "pagination.total" },
      mapping: `{ "positions": [locations.{ "externalUnitId": vehicle_id, "at": located_at, "lat": lat, "lng": lon, "speedKmh": $toKmh(speed) }] }`,
    };
    const first = okPage(await carrierRestPullConnector.fetchPage(contextFor(settings)));
    expect(first.hasMore).toBe(true);
    const second = okPage(await carrierRestPullConnector.fetchPage(contextFor(settings, { cursor: stored(first.nextCursor) })));
    const again = okPage(await carrierRestPullConnector.fetchPage(contextFor(settings, { cursor: stored(first.nextCursor) })));
    expect(again.messages.map((m) => m.recordKeys)).toEqual(second.messages.map((m) => m.recordKeys));
    expect(second.hasMore).toBe(false);
    expect(new Set([...first.messages[0]!.recordKeys, ...second.messages[0]!.recordKeys]).size).toBe(6);
  });

  it("OAuth 2 session: the token is returned to keep, reused without a new token request, renewed on a 401, and never sent to another host", async () => {
    const fake = await start({ auth: { type: "oauth2ClientCredentials", clientId: "client-1", clientSecret: "cs-secret" }, locations: generateLocations({ vehicles: 1, perVehicle: 1 }) });
    const auth = { type: "oauth2ClientCredentials" as const, tokenUrl: `${fake.url}${CARRIER_REST_PATHS.token}`, clientId: "client-1" };
    const settings = canonical(fake, { auth });
    const secrets = { clientSecret: "cs-secret" };
    const tokenRequests = () => fake.requests.filter((r) => r.path === CARRIER_REST_PATHS.token).length;

    const first = await carrierRestPullConnector.fetchPage(contextFor(settings, { secrets }));
    okPage(first);
    expect(first.session).toMatchObject({ accessToken: expect.any(String), expiresAt: expect.any(Number) });
    const session = stored(first.session);
    const second = await carrierRestPullConnector.fetchPage(contextFor(settings, { secrets, session }));
    okPage(second);
    // Unchanged: nothing to store again.
    expect(second.session).toBeUndefined();
    expect(tokenRequests()).toBe(1);

    fake.faults.expireTokens();
    const third = await carrierRestPullConnector.fetchPage(contextFor(settings, { secrets, session }));
    okPage(third);
    expect(tokenRequests()).toBe(2);
    expect((third.session as { accessToken: string }).accessToken).not.toBe((session as { accessToken: string }).accessToken);

    // The same stored token with another client id (or host) is not sent: a new one is asked for first.
    const other = await start({ auth: { type: "oauth2ClientCredentials", clientId: "client-1", clientSecret: "cs-secret" }, locations: generateLocations({ vehicles: 1, perVehicle: 1 }) });
    const moved = canonical(other, { auth: { ...auth, tokenUrl: `${other.url}${CARRIER_REST_PATHS.token}` } });
    okPage(await carrierRestPullConnector.fetchPage(contextFor(moved, { secrets, session: stored(third.session) })));
    expect(other.requests.map((r) => r.path)).toEqual([CARRIER_REST_PATHS.token, CARRIER_REST_PATHS.canonical]);

    // Switched to another scheme: the leftover token is cleared.
    const open = await start({ locations: generateLocations({ vehicles: 1, perVehicle: 1 }) });
    const bearer = await carrierRestPullConnector.fetchPage(contextFor(canonical(open), { session: stored(third.session) }));
    okPage(bearer);
    expect(bearer.session).toBeNull();
  });

  it("splits a page over the front door's 10,000 positions into messages the normaliser takes whole, one key per entry", async () => {
    const locations = generateLocations({ vehicles: 101, perVehicle: 100, intervalSeconds: 1 });
    const fake = await start({ locations });
    const page = okPage(await carrierRestPullConnector.fetchPage(contextFor(canonical(fake, { timeoutMs: 15_000 }))));
    expect(page.messages.map((m) => m.envelope.positions.length)).toEqual([MAX_ENTRIES.positions, locations.length - MAX_ENTRIES.positions]);
    expect(page.messages.flatMap((m) => m.recordKeys)).toEqual(locations.map(keyOf));
    for (const message of page.messages) {
      const normalized = normalizeEnvelope({ envelope: message.envelope, messageId: "m", limits: { now: new Date(), maxFutureMs: 300_000, maxAgeMs: null } });
      expect(normalized.issues).toEqual([]);
      expect(normalized.positions).toHaveLength(message.recordKeys.length);
    }
  }, 30_000);

  it("keys plans and offers by their ids (as mapRestPage does) and entries without a natural key by their content", async () => {
    const keyless = { lat: 48, lng: 11, at: "2026-07-01T10:00:00Z" };
    const fake = await start({ plans: [...EXAMPLE_ENVELOPE.plans], availability: [...EXAMPLE_ENVELOPE.availability] });
    const settings = canonical(fake, { mapping: `{ "positions": [${JSON.stringify(keyless)}], "plans": plans, "availability": availability }` });
    const page = okPage(await carrierRestPullConnector.fetchPage(contextFor(settings)));
    const mapped = await mapRestPage({ expression: settings.mapping, body: JSON.parse(page.vendorPayload.body), units: { speed: "kmh", coords: "deg" } });
    if (!mapped.ok) throw new Error(mapped.error.message);
    expect(page.messages[0]!.recordKeys).toEqual([expect.stringMatching(/^positions-content:[0-9a-f]{64}$/), `plan:${mapped.keys.plans[0]}`, `availability:${mapped.keys.availability[0]}`]);
    expect(mapped.keys.plans).toEqual(["TOUR-42"]);
  });
});

describe("carrierRestPullConnector: every fault as a TPullError", () => {
  it("refused credentials are auth; a missing secret is auth before anything is sent", async () => {
    const fake = await start({ auth: { type: "bearer", token: "tok-1" } });
    const wrong = failure(await carrierRestPullConnector.fetchPage(contextFor(canonical(fake, { auth: { type: "bearer" } }), { secrets: { token: "tok-wrong" } })));
    expect(wrong).toEqual({ kind: "auth", message: expect.stringContaining("HTTP 401") });
    expect(JSON.stringify(wrong)).not.toContain("tok-wrong");
    const before = fake.requests.length;
    expect(failure(await carrierRestPullConnector.fetchPage(contextFor(canonical(fake, { auth: { type: "bearer" } }))))).toEqual({ kind: "auth", message: "The bearer token is not set; enter it in the connector settings." });
    expect(fake.requests).toHaveLength(before);
  });

  it("429 (fractional and HTTP-date Retry-After) and 503 with Retry-After are rate_limited with retryAfterMs", async () => {
    const fake = await start({});
    const context = contextFor(canonical(fake));
    fake.faults.inject({ kind: "status", status: 429, retryAfter: { seconds: 0.40235 } });
    expect(failure(await carrierRestPullConnector.fetchPage(context))).toEqual({ kind: "rate_limited", retryAfterMs: 403, message: expect.stringContaining("HTTP 429") });
    fake.faults.inject({ kind: "status", status: 429, retryAfter: { date: new Date(Date.now() + 90_000) } });
    const dated = failure(await carrierRestPullConnector.fetchPage(contextFor(canonical(fake))));
    expect(dated.kind).toBe("rate_limited");
    expect(dated.retryAfterMs).toBeGreaterThan(80_000);
    fake.faults.inject({ kind: "status", status: 503, retryAfter: { seconds: 7 } });
    expect(failure(await carrierRestPullConnector.fetchPage(context))).toMatchObject({ kind: "rate_limited", retryAfterMs: 7_000 });
  });

  it("5xx, a timeout and a reset are transient; malformed JSON is invalid_response; another 4xx is permanent", async () => {
    const fake = await start({});
    const context = contextFor(canonical(fake));
    fake.faults.inject({ kind: "status", status: 500 }, { kind: "hang" }, { kind: "reset" }, { kind: "malformedJson" }, { kind: "status", status: 400, body: JSON.stringify({ message: "Invalid cursor" }) });
    expect(failure(await carrierRestPullConnector.fetchPage(context))).toEqual({ kind: "transient", message: expect.stringContaining("HTTP 500") });
    expect(failure(await carrierRestPullConnector.fetchPage(context))).toEqual({ kind: "transient", message: expect.stringContaining("did not answer in time") });
    expect(failure(await carrierRestPullConnector.fetchPage(context))).toEqual({ kind: "transient", message: expect.stringContaining("could not be reached") });
    expect(failure(await carrierRestPullConnector.fetchPage(context))).toEqual({ kind: "invalid_response", message: expect.stringContaining("not valid JSON") });
    expect(failure(await carrierRestPullConnector.fetchPage(context))).toEqual({ kind: "permanent", message: "The API answered HTTP 400; check the connector settings: Invalid cursor" });
  }, 20_000);

  it("a loopback address without the allow-list is blocked_address, before anything is sent", async () => {
    const fake = await start({});
    expect(failure(await carrierRestPullConnector.fetchPage(contextFor(canonical(fake), { dispatcher: closedAgent })))).toMatchObject({ kind: "blocked_address", message: expect.stringContaining("OUTBOUND_ALLOWED_CIDRS") });
    expect(fake.requests).toHaveLength(0);
  });

  it("bad settings, credentials or cursor are permanent and name the field, without sending anything", async () => {
    const fake = await start({});
    const badUrl = failure(await carrierRestPullConnector.fetchPage(contextFor({ ...canonical(fake), baseUrl: "not a url" })));
    expect(badUrl).toEqual({ kind: "permanent", message: expect.stringContaining("baseUrl: Enter an absolute http(s) URL.") });
    const noMapping = failure(await carrierRestPullConnector.fetchPage(contextFor({ ...canonical(fake), mapping: undefined })));
    expect(noMapping.message).toContain("mapping:");
    const badSecret = failure(await carrierRestPullConnector.fetchPage(contextFor(canonical(fake), { secrets: { token: 42 } })));
    expect(badSecret).toEqual({ kind: "permanent", message: expect.stringContaining("token:") });
    expect(badSecret.message).not.toContain("42");
    const badCursor = failure(await carrierRestPullConnector.fetchPage(contextFor(canonical(fake), { cursor: { next: { type: "page", page: -1 } } })));
    expect(badCursor).toEqual({ kind: "permanent", message: expect.stringContaining("next.page") });
    expect(fake.requests).toHaveLength(0);
  });

  it("a failing mapping expression is permanent with JSONata's message (the carrier must fix it)", async () => {
    const fake = await start({ locations: generateLocations({ vehicles: 1, perVehicle: 1 }) });
    const error = failure(await carrierRestPullConnector.fetchPage(contextFor(canonical(fake, { mapping: `$error("no positions here")` }))));
    expect(error).toEqual({ kind: "permanent", message: expect.stringContaining("no positions here") });
  });

  it("an internal defect is a transient error, logged, not a crash of the cycle", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const settings = Object.defineProperty({}, "baseUrl", { enumerable: true, get: () => { throw new Error("boom"); } });
    expect(failure(await carrierRestPullConnector.fetchPage(contextFor(settings)))).toEqual({ kind: "transient", message: expect.stringContaining("internal error") });
    expect(logged).toHaveBeenCalledOnce();
  });
});

describe("testCarrierRestConnection", () => {
  it("fetches and maps one page and stores nothing: records, the vendor's first records, the envelope and its drops", async () => {
    const locations = generateLocations({ vehicles: 7, perVehicle: 1 });
    // One vehicle at (0, 0): the front door drops it, and the test says why.
    locations[0] = { ...locations[0]!, latitude: 0, longitude: 0 };
    const fake = await start({ auth: { type: "oauth2ClientCredentials", clientId: "c", clientSecret: "s" }, locations });
    const settings = samsara(fake, { auth: { type: "oauth2ClientCredentials", tokenUrl: `${fake.url}${CARRIER_REST_PATHS.token}`, clientId: "c" } });
    const context = contextFor(settings, { secrets: { clientSecret: "s" } });
    const result = await testCarrierRestConnection(context);
    expect(result.ok).toBe(true);
    expect(result.records).toBe(7);
    expect(result.sample).toHaveLength(5);
    expect(result.sample[0]).toMatchObject({ id: locations[0]!.vehicleId, name: locations[0]!.vehicleName, locations: [expect.objectContaining({ latitude: 0 })] });
    expect(result.envelope?.positions).toHaveLength(7);
    expect(result.issues).toEqual([expect.objectContaining({ severity: "dropped", section: "positions", index: 0, reason: "zero_coordinates" })]);
    expect(result.counts?.positions).toMatchObject({ received: 7, dropped: 1 });
    expect(result.raw).toMatchObject({ status: 200, truncated: false });
    expect(JSON.parse(result.raw!.body)).toMatchObject({ data: expect.any(Array) });
    // Nothing to keep: no token, no cursor come back, and the context is untouched.
    expect(result).not.toHaveProperty("session");
    expect(result).not.toHaveProperty("nextCursor");
    expect([context.session, context.cursor]).toEqual([null, null]);
    // The next real fetch still starts from the beginning and gets the same records.
    const page = okPage(await carrierRestPullConnector.fetchPage(contextFor(settings, { secrets: { clientSecret: "s" } })));
    expect(page.messages[0]!.envelope.positions).toEqual(result.envelope!.positions);
  });

  it("a failing mapping still shows the page as the vendor sent it, with the error", async () => {
    const fake = await start({ locations: generateLocations({ vehicles: 2, perVehicle: 1 }) });
    const result = await testCarrierRestConnection(contextFor(canonical(fake, { mapping: `{"positions": data.(}` })));
    expect(result).toMatchObject({ ok: false, error: { kind: "permanent", message: expect.stringContaining("The mapping expression failed") }, records: 0, envelope: null, issues: [] });
    expect(result.sample).toHaveLength(2);
    expect(result.raw?.body).toContain(`"positions"`);
  });

  it("an authentication failure says so, with no page", async () => {
    const fake = await start({ auth: { type: "apiKeyHeader", apiKey: "k" } });
    const result = await testCarrierRestConnection(contextFor(canonical(fake, { auth: { type: "apiKeyHeader" } }), { secrets: { apiKey: "wrong" } }));
    expect(result).toMatchObject({ ok: false, error: { kind: "auth" }, records: 0, sample: [], envelope: null, raw: null });
  });

  it("applies the connection's own front-door limits when given (maxAgeSeconds)", async () => {
    const fake = await start({ locations: generateLocations({ vehicles: 1, perVehicle: 1, from: new Date(Date.now() - 3_600_000) }) });
    const result = await testCarrierRestConnection({ ...contextFor(canonical(fake)), connectionSettings: { maxAgeSeconds: 600 } });
    expect(result.issues.map((i) => i.reason)).toEqual(["stale"]);
    const lenient = await testCarrierRestConnection(contextFor(canonical(fake)));
    expect(lenient.issues).toEqual([]);
  });
});
