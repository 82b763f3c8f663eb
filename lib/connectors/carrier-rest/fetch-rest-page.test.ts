// The carrier-rest client against the fake carrier API on 127.0.0.1 (nothing here reaches any other address).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Agent } from "undici";
import { createGuardedAgent } from "@/lib/net/create-guarded-agent";
import { parseAllowedCidrs } from "@/lib/net/parse-allowed-cidrs";
import { generateLocations } from "@/lib/test/fakes/carrier-rest/generate-locations";
import { CARRIER_REST_PATHS, startFakeCarrierRest, type TFakeCarrierRest, type TFakeCarrierRestOptions } from "@/lib/test/fakes/carrier-rest/start-fake-carrier-rest";
import { fetchRestPage } from "./fetch-rest-page";
import { EMPTY_CARRIER_REST_CURSOR, ZCarrierRestSettings, type TCarrierRestCursor, type TCarrierRestSecrets, type TCarrierRestSettingsInput, type TOAuthToken } from "./settings";
import type { TFetchRestPageResult, TRestPage } from "./types";

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
});
const start = async (options: TFakeCarrierRestOptions) => {
  const fake = await startFakeCarrierRest(options);
  fakes.push(fake);
  return fake;
};

const settingsFor = (fake: TFakeCarrierRest, input: Omit<TCarrierRestSettingsInput, "baseUrl" | "mapping">) => ZCarrierRestSettings.parse({ baseUrl: fake.url, mapping: "$", ...input });

const okPage = (result: TFetchRestPageResult): TRestPage => {
  if (!result.ok) throw new Error(`expected a page, got ${result.error.kind}: ${result.error.message}`);
  return result.page;
};
const failure = (result: TFetchRestPageResult) => {
  if (result.ok) throw new Error("expected an error");
  return result.error;
};

/** Every page of one cycle, as the scheduler would walk them (storing the cursor after each). */
const walk = async ({ settings, cursor, secrets = {}, maxPages = 50 }: { settings: ReturnType<typeof settingsFor>; cursor: TCarrierRestCursor; secrets?: TCarrierRestSecrets; maxPages?: number }) => {
  const pages: TRestPage[] = [];
  let at = cursor;
  let token: TOAuthToken | null = null;
  for (let i = 0; i < maxPages; i++) {
    const result = await fetchRestPage({ settings, cursor: at, secrets, token, dispatcher: agent });
    const page = okPage(result);
    token = result.token;
    pages.push(page);
    at = page.cursor;
    if (!page.hasMore) break;
  }
  return { pages, cursor: at };
};

describe("fetchRestPage: the Samsara-style cursor feed", () => {
  it("keeps the feed cursor across polls, pages through empty pages with hasNextPage true, and sends the bearer token", async () => {
    const fake = await start({ auth: { type: "bearer", token: "tok-secret-1" }, locations: generateLocations({ vehicles: 3, perVehicle: 2 }), feedPageSize: 2 });
    const settings = settingsFor(fake, {
      path: CARRIER_REST_PATHS.feed,
      auth: { type: "bearer" },
      pagination: { type: "cursor", cursorParam: "after", cursorPath: "pagination.endCursor", hasMorePath: "pagination.hasNextPage" },
      incremental: { mode: "feedCursor" },
    });
    // The first call (no `after`) is the latest fix per vehicle, and nothing more is waiting.
    const first = okPage(await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: { token: "tok-secret-1" }, dispatcher: agent }));
    expect((first.body as { data: unknown[] }).data).toHaveLength(3);
    expect(first.hasMore).toBe(false);
    expect(first.cursor.next).toEqual({ type: "cursor", value: expect.any(String) });
    expect(fake.requests[0]!.headers.authorization).toBe("Bearer [redacted]");

    // New fixes appended at the vendor; two empty pages come first, with hasNextPage true: keep paging.
    fake.state.locations.push(...generateLocations({ vehicles: 3, perVehicle: 1, firstVehicle: 1, from: new Date(Date.now() - 1000) }));
    fake.faults.emptyFeedPages = 2;
    const { pages, cursor } = await walk({ settings, cursor: first.cursor, secrets: { token: "tok-secret-1" } });
    expect(pages.map((p) => (p.body as { data: unknown[] }).data.length)).toEqual([0, 0, 2, 1]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, true, false]);
    const sentAfter = fake.requests.slice(1).map((r) => r.query.after);
    expect(sentAfter[0]).toBe((first.cursor.next as { value: string }).value);
    expect(new Set(sentAfter).size).toBe(sentAfter.length);
    // The cursor after the last page is where the next poll resumes: nothing is read twice.
    const again = okPage(await fetchRestPage({ settings, cursor, secrets: { token: "tok-secret-1" }, dispatcher: agent }));
    expect((again.body as { data: unknown[] }).data).toEqual([]);
  });
});

describe("fetchRestPage: authentication", () => {
  it("sends an API key in a header or the query, keeps it out of the recorded URL, and classifies a wrong key as auth", async () => {
    const header = await start({ auth: { type: "apiKeyHeader", headerName: "X-Api-Key", apiKey: "key-secret-h" }, locations: generateLocations({ vehicles: 1, perVehicle: 1 }) });
    const headerSettings = settingsFor(header, { path: CARRIER_REST_PATHS.canonical, auth: { type: "apiKeyHeader", headerName: "X-Api-Key" } });
    expect(okPage(await fetchRestPage({ settings: headerSettings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: { apiKey: "key-secret-h" }, dispatcher: agent })).status).toBe(200);

    const query = await start({ auth: { type: "apiKeyQuery", queryName: "key", apiKey: "key-secret-q" }, locations: generateLocations({ vehicles: 1, perVehicle: 1 }) });
    const querySettings = settingsFor(query, { path: CARRIER_REST_PATHS.canonical, auth: { type: "apiKeyQuery", queryName: "key" } });
    const page = okPage(await fetchRestPage({ settings: querySettings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: { apiKey: "key-secret-q" }, dispatcher: agent }));
    expect(query.requests[0]!.auth).toEqual({ presented: "apiKeyQuery", accepted: true });
    expect(page.requestUrl).not.toContain("key-secret-q");

    const wrong = failure(await fetchRestPage({ settings: querySettings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: { apiKey: "key-wrong-q" }, dispatcher: agent }));
    expect(wrong).toMatchObject({ kind: "auth", status: 401 });
    expect(wrong.message).toContain("Invalid API key");
    expect(JSON.stringify(wrong)).not.toContain("key-wrong-q");
  });

  it("sends Basic credentials and reports a wrong password as auth without the password", async () => {
    const fake = await start({ auth: { type: "basic", username: "carrier", password: "pw-secret" } });
    const settings = settingsFor(fake, { path: CARRIER_REST_PATHS.canonical, auth: { type: "basic", username: "carrier" } });
    expect(okPage(await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: { password: "pw-secret" }, dispatcher: agent })).status).toBe(200);
    const wrong = failure(await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: { password: "pw-wrong" }, dispatcher: agent }));
    expect(wrong.kind).toBe("auth");
    expect(JSON.stringify(wrong)).not.toMatch(/pw-wrong|cHctd3Jvbm/);
  });

  it("says which secret is missing instead of sending an unauthenticated request", async () => {
    const fake = await start({ auth: { type: "bearer", token: "t" } });
    const settings = settingsFor(fake, { path: CARRIER_REST_PATHS.canonical, auth: { type: "bearer" } });
    expect(failure(await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: {}, dispatcher: agent }))).toEqual({ kind: "auth", message: "The bearer token is not set; enter it in the connector settings." });
    expect(fake.requests).toHaveLength(0);
  });

  it("OAuth 2 client credentials: caches the token until it expires, refreshes once on a 401, and reports refused client credentials as auth", async () => {
    const fake = await start({ auth: { type: "oauth2ClientCredentials", clientId: "client-1", clientSecret: "cs-secret", scopes: ["fleet:read"], tokenTtlSeconds: 3600 } });
    const settings = settingsFor(fake, { path: CARRIER_REST_PATHS.canonical, auth: { type: "oauth2ClientCredentials", tokenUrl: `${fake.url}${CARRIER_REST_PATHS.token}`, clientId: "client-1", scope: "fleet:read" } });
    const secrets = { clientSecret: "cs-secret" };
    const tokenRequests = () => fake.requests.filter((r) => r.path === CARRIER_REST_PATHS.token).length;

    const first = await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets, dispatcher: agent });
    okPage(first);
    expect(first.token?.accessToken).toEqual(expect.any(String));
    // Renewed a minute before the vendor's expiry.
    expect(first.token!.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
    const second = await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets, token: first.token, dispatcher: agent });
    okPage(second);
    expect(second.token).toEqual(first.token);
    expect(tokenRequests()).toBe(1);

    // The vendor expires the token early: one 401, one new token, the page.
    fake.faults.expireTokens();
    const third = await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets, token: second.token, dispatcher: agent });
    okPage(third);
    expect(tokenRequests()).toBe(2);
    expect(third.token!.accessToken).not.toBe(first.token!.accessToken);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200, 401, 200, 200]);

    // A token past its own expiry is renewed before the request, without a 401 first.
    const expired = { accessToken: third.token!.accessToken, expiresAt: Date.now() - 1 };
    okPage(await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets, token: expired, dispatcher: agent }));
    expect(tokenRequests()).toBe(3);
    expect(fake.requests.at(-2)!.path).toBe(CARRIER_REST_PATHS.token);

    const refused = failure(await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: { clientSecret: "cs-wrong" }, dispatcher: agent }));
    expect(refused.kind).toBe("auth");
    expect(refused.message).toContain("invalid_client");
    expect(refused.message).toContain("token endpoint");
    expect(JSON.stringify(refused)).not.toContain("cs-wrong");
  });

  it("OAuth 2: a second 401 after a fresh token is an auth failure, not a loop", async () => {
    const fake = await start({ auth: { type: "oauth2ClientCredentials", clientId: "c", clientSecret: "s" } });
    const settings = settingsFor(fake, { path: CARRIER_REST_PATHS.canonical, auth: { type: "oauth2ClientCredentials", tokenUrl: `${fake.url}${CARRIER_REST_PATHS.token}`, clientId: "c" } });
    fake.faults.inject({ kind: "status", status: 401, path: CARRIER_REST_PATHS.canonical, times: 2 });
    const error = failure(await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: { clientSecret: "s" }, dispatcher: agent }));
    expect(error).toMatchObject({ kind: "auth", status: 401 });
    expect(fake.requests.map((r) => r.path)).toEqual([CARRIER_REST_PATHS.token, CARRIER_REST_PATHS.canonical, CARRIER_REST_PATHS.token, CARRIER_REST_PATHS.canonical]);
  });
});

describe("fetchRestPage: pagination and updated since", () => {
  it("walks page numbers to the total, then moves the watermark and asks from it minus the overlap", async () => {
    const locations = generateLocations({ vehicles: 5, perVehicle: 5 });
    const fake = await start({ locations, units: { speed: "mph", coords: "microdeg" } });
    const settings = settingsFor(fake, {
      path: CARRIER_REST_PATHS.pageNumber,
      pagination: { type: "page", pageParam: "page_no", pageSizeParam: "per_page", pageSize: 10, startPage: 1, recordsPath: "locations", totalPath: "pagination.total" },
      incremental: { mode: "updatedSince", sinceParam: "updated_after", overlapSeconds: 120 },
    });
    const before = Date.now();
    const { pages, cursor } = await walk({ settings, cursor: EMPTY_CARRIER_REST_CURSOR });
    expect(pages.map((p) => (p.body as { locations: unknown[] }).locations.length)).toEqual([10, 10, 5]);
    expect(fake.requests.map((r) => r.query.page_no)).toEqual(["1", "2", "3"]);
    expect(fake.requests.every((r) => r.query.updated_after === undefined)).toBe(true);
    const ids = pages.flatMap((p) => (p.body as { locations: { id: string }[] }).locations.map((l) => l.id));
    expect(new Set(ids)).toEqual(new Set(locations.map((l) => l.id)));
    expect(cursor.next).toBeNull();
    expect(Date.parse(cursor.watermark!)).toBeGreaterThanOrEqual(before - 5);

    // Next cycle: one request with the watermark minus 120 s; rows changed since then only.
    const late = { ...locations[0]!, id: "late", updatedAt: new Date().toISOString() };
    fake.state.locations.push(late);
    const next = await walk({ settings, cursor });
    expect(fake.requests.at(-1)!.query.updated_after).toBe(new Date(Date.parse(cursor.watermark!) - 120_000).toISOString());
    expect((next.pages[0]!.body as { locations: { id: string }[] }).locations.map((l) => l.id)).toContain("late");
  });

  it("follows Link rel=next with the API key added to every request and never stored in the cursor", async () => {
    const locations = generateLocations({ vehicles: 4, perVehicle: 3 });
    const fake = await start({ auth: { type: "apiKeyQuery", queryName: "api_key", apiKey: "lk-secret" }, locations, offset: { defaultLimit: 5 } });
    const settings = settingsFor(fake, { path: CARRIER_REST_PATHS.offsetLink, auth: { type: "apiKeyQuery", queryName: "api_key" }, pagination: { type: "linkHeader" } });
    const { pages } = await walk({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: { apiKey: "lk-secret" } });
    expect(pages.map((p) => (p.body as { locations: unknown[] }).locations.length)).toEqual([5, 5, 2]);
    expect(fake.requests.map((r) => [r.query.offset, r.auth?.accepted])).toEqual([[undefined, true], ["5", true], ["10", true]]);
    expect(JSON.stringify(pages.map((p) => p.cursor))).not.toContain("lk-secret");
  });

  it("pages by offset until a short page", async () => {
    const fake = await start({ locations: generateLocations({ vehicles: 3, perVehicle: 3 }) });
    const settings = settingsFor(fake, { path: CARRIER_REST_PATHS.offsetLink, pagination: { type: "offset", offsetParam: "offset", limitParam: "limit", pageSize: 4, recordsPath: "locations" } });
    const { pages, cursor } = await walk({ settings, cursor: EMPTY_CARRIER_REST_CURSOR });
    expect(pages.map((p) => (p.body as { locations: unknown[] }).locations.length)).toEqual([4, 4, 1]);
    expect(cursor).toEqual(EMPTY_CARRIER_REST_CURSOR);
  });

  it("refuses a stored Link cursor on another origin (credentials would follow it)", async () => {
    const fake = await start({});
    const settings = settingsFor(fake, { path: CARRIER_REST_PATHS.offsetLink, auth: { type: "bearer" }, pagination: { type: "linkHeader" } });
    const error = failure(await fetchRestPage({ settings, cursor: { ...EMPTY_CARRIER_REST_CURSOR, next: { type: "link", url: "http://127.0.0.2:1/steal" } }, secrets: { token: "t" }, dispatcher: agent }));
    expect(error.kind).toBe("permanent");
    expect(fake.requests).toHaveLength(0);
  });

  it("a page whose has-more flag is missing is an invalid response, not an endless loop", async () => {
    const fake = await start({});
    const settings = settingsFor(fake, { path: CARRIER_REST_PATHS.canonical, pagination: { type: "cursor", cursorParam: "after", cursorPath: "pagination.endCursor", hasMorePath: "pagination.hasNextPage" } });
    const error = failure(await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: {}, dispatcher: agent }));
    expect(error).toMatchObject({ kind: "invalid_response", message: expect.stringContaining("pagination.hasNextPage") });
  });
});

describe("fetchRestPage: faults", () => {
  const canonical = async () => {
    const fake = await start({ locations: generateLocations({ vehicles: 1, perVehicle: 1 }) });
    return { fake, settings: settingsFor(fake, { path: CARRIER_REST_PATHS.canonical, timeoutMs: 1_000 }) };
  };
  const fetchOnce = (settings: ReturnType<typeof settingsFor>, dispatcher: Agent = agent) => fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: {}, dispatcher });

  it("429 with fractional seconds and with an HTTP date is rate_limited with the wait it asked for", async () => {
    const { fake, settings } = await canonical();
    fake.faults.inject({ kind: "status", status: 429, retryAfter: { seconds: 0.40235 } });
    expect(failure(await fetchOnce(settings))).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 403 });
    fake.faults.inject({ kind: "status", status: 429, retryAfter: { date: new Date(Date.now() + 90_000) } });
    const dated = failure(await fetchOnce(settings));
    expect(dated.kind).toBe("rate_limited");
    expect(dated.kind === "rate_limited" && dated.retryAfterMs).toBeGreaterThan(85_000);
    expect(dated.kind === "rate_limited" && dated.retryAfterMs).toBeLessThanOrEqual(90_000);
    fake.faults.inject({ kind: "status", status: 503, retryAfter: { seconds: 7 } });
    expect(failure(await fetchOnce(settings))).toMatchObject({ kind: "rate_limited", status: 503, retryAfterMs: 7_000 });
    fake.faults.inject({ kind: "status", status: 429 });
    expect(failure(await fetchOnce(settings))).toMatchObject({ kind: "rate_limited", retryAfterMs: 60_000 });
  });

  it("5xx is transient, other 4xx permanent with the vendor's message", async () => {
    const { fake, settings } = await canonical();
    fake.faults.inject({ kind: "status", status: 503 }, { kind: "status", status: 500 }, { kind: "status", status: 400, body: JSON.stringify({ message: "Invalid cursor", requestId: "r1" }) });
    expect(failure(await fetchOnce(settings))).toMatchObject({ kind: "transient", status: 503 });
    expect(failure(await fetchOnce(settings))).toMatchObject({ kind: "transient", status: 500 });
    expect(failure(await fetchOnce(settings))).toEqual({ kind: "permanent", status: 400, message: "The API answered HTTP 400; check the connector settings: Invalid cursor" });
    const missingPath = ZCarrierRestSettings.parse({ ...settings, path: "/nowhere" });
    expect(failure(await fetchOnce(missingPath))).toMatchObject({ kind: "permanent", status: 404 });
  });

  it("malformed JSON is an invalid response", async () => {
    const { fake, settings } = await canonical();
    fake.faults.inject({ kind: "malformedJson" });
    expect(failure(await fetchOnce(settings))).toMatchObject({ kind: "invalid_response", status: 200, message: expect.stringContaining("not valid JSON") });
  });

  it("a page larger than the limit is an invalid response", async () => {
    const fake = await start({ locations: generateLocations({ vehicles: 20, perVehicle: 5 }) });
    const settings = settingsFor(fake, { path: CARRIER_REST_PATHS.canonical, maxPageBytes: 2_000 });
    expect(failure(await fetchOnce(settings))).toMatchObject({ kind: "invalid_response", message: expect.stringContaining("larger than 2000 bytes") });
  });

  it("a hang before or after the headers, and a reset, are transient", async () => {
    const { fake, settings } = await canonical();
    fake.faults.inject({ kind: "hang" }, { kind: "hang", stage: "afterHeaders" }, { kind: "reset" });
    expect(failure(await fetchOnce(settings))).toMatchObject({ kind: "transient", message: expect.stringContaining("did not answer in time") });
    expect(failure(await fetchOnce(settings))).toMatchObject({ kind: "transient", message: expect.stringContaining("did not answer in time") });
    expect(failure(await fetchOnce(settings))).toMatchObject({ kind: "transient", message: expect.stringContaining("could not be reached") });
  });

  it("refuses a loopback address when the allow-list is empty, before anything is sent", async () => {
    const { fake, settings } = await canonical();
    const error = failure(await fetchOnce(settings, closedAgent));
    expect(error.kind).toBe("blocked_address");
    expect(error.message).toContain("OUTBOUND_ALLOWED_CIDRS");
    expect(fake.requests).toHaveLength(0);
  });

  it("the OAuth token endpoint is guarded too", async () => {
    const fake = await start({ auth: { type: "oauth2ClientCredentials", clientId: "c", clientSecret: "s" } });
    const settings = settingsFor(fake, { path: CARRIER_REST_PATHS.canonical, auth: { type: "oauth2ClientCredentials", tokenUrl: `${fake.url}${CARRIER_REST_PATHS.token}`, clientId: "c" } });
    expect(failure(await fetchRestPage({ settings, cursor: EMPTY_CARRIER_REST_CURSOR, secrets: { clientSecret: "s" }, dispatcher: closedAgent })).kind).toBe("blocked_address");
    expect(fake.requests).toHaveLength(0);
  });
});
