// Protocol facts the carrier-rest connector will rely on (connector-protocols.md
// §4), checked over loopback HTTP against the fake with plain fetch.
import { afterEach, describe, expect, it } from "vitest";
import { generateLocations } from "./generate-locations";
import { CARRIER_REST_PATHS, startFakeCarrierRest, type TFakeCarrierRest, type TFakeCarrierRestOptions } from "./start-fake-carrier-rest";

const MPH = 1.609344;
const started: TFakeCarrierRest[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.stop()));
});

const start = async (options: TFakeCarrierRestOptions = {}) => {
  const fake = await startFakeCarrierRest(options);
  started.push(fake);
  return fake;
};

type TFeedPage = { data: { id: string; name: string; locations: { latitude: number; longitude: number; time: string; heading: number; speed: number }[] }[]; pagination: { endCursor: string; hasNextPage: boolean } };
type TListPage = { locations: { id: string; vehicle_id: string; lat: number; lon: number; speed: number; located_at: string; updated_at: string }[]; pagination?: Record<string, number> };

const call = (fake: TFakeCarrierRest, path: string, init: RequestInit = {}) => fetch(`${fake.url}${path}`, init);
const json = async <T>(fake: TFakeCarrierRest, path: string, init: RequestInit = {}): Promise<T> => {
  const response = await call(fake, path, init);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
};
const feed = (fake: TFakeCarrierRest, after?: string) => json<TFeedPage>(fake, `${CARRIER_REST_PATHS.feed}${after ? `?after=${encodeURIComponent(after)}` : ""}`);
const form = (fields: Record<string, string>) => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });

describe("Samsara-style cursor feed (§4.1)", () => {
  it("answers the latest fix per vehicle first, then what was appended after the cursor, page by page, in mph", async () => {
    const locations = generateLocations({ vehicles: 3, perVehicle: 4 });
    const fake = await start({ locations, feedPageSize: 5 });
    const first = await feed(fake);
    expect(first.data.map((v) => v.id).sort()).toEqual(["101", "102", "103"]);
    const last = locations.at(-1)!;
    const truck = first.data.find((v) => v.id === last.vehicleId)!;
    expect(truck.name).toBe(last.vehicleName);
    expect(truck.locations).toHaveLength(1);
    expect(truck.locations[0]!.time).toBe(last.time);
    expect(truck.locations[0]!.speed).toBeCloseTo(last.speedKmh / MPH, 9);
    expect(first.pagination.hasNextPage).toBe(false);

    // Nothing new yet: an empty page, caught up.
    const idle = await feed(fake, first.pagination.endCursor);
    expect(idle).toMatchObject({ data: [], pagination: { hasNextPage: false } });

    const more = generateLocations({ vehicles: 3, perVehicle: 4, from: new Date(Date.parse(last.time) + 60_000) });
    fake.state.locations.push(...more);
    const seen: string[] = [];
    let cursor = idle.pagination.endCursor;
    const hasNext: boolean[] = [];
    for (let i = 0; i < 10; i += 1) {
      const page = await feed(fake, cursor);
      for (const vehicle of page.data) for (const fix of vehicle.locations) seen.push(`${vehicle.id}@${fix.time}`);
      hasNext.push(page.pagination.hasNextPage);
      cursor = page.pagination.endCursor;
      if (!page.pagination.hasNextPage) break;
    }
    expect(hasNext).toEqual([true, true, false]);
    expect(seen.sort()).toEqual(more.map((l) => l.id).sort());
  });

  it("serves empty pages with hasNextPage: true (keep paging), each with a new cursor", async () => {
    const fake = await start({ locations: generateLocations({ vehicles: 2, perVehicle: 1 }) });
    const first = await feed(fake);
    fake.state.locations.push(...generateLocations({ vehicles: 2, perVehicle: 1, from: new Date() }));
    fake.faults.emptyFeedPages = 2;
    const a = await feed(fake, first.pagination.endCursor);
    const b = await feed(fake, a.pagination.endCursor);
    expect([a.data, a.pagination.hasNextPage, b.data, b.pagination.hasNextPage]).toEqual([[], true, [], true]);
    expect(new Set([first.pagination.endCursor, a.pagination.endCursor, b.pagination.endCursor]).size).toBe(3);
    const c = await feed(fake, b.pagination.endCursor);
    expect(c.data.flatMap((v) => v.locations)).toHaveLength(2);
  });

  it("filters by vehicleIds and refuses a bad or expired cursor with 400", async () => {
    let clock = Date.parse("2026-03-01T00:00:00Z");
    const fake = await start({ locations: generateLocations({ vehicles: 3, perVehicle: 2 }), now: () => clock, cursorTtlMs: 30 * 24 * 3600_000 });
    const some = await json<TFeedPage>(fake, `${CARRIER_REST_PATHS.feed}?vehicleIds=101,103`);
    expect(some.data.map((v) => v.id).sort()).toEqual(["101", "103"]);
    expect((await call(fake, `${CARRIER_REST_PATHS.feed}?after=not-a-cursor`)).status).toBe(400);
    expect((await call(fake, `${CARRIER_REST_PATHS.feed}?limit=513`)).status).toBe(400);
    fake.state.locations.push(...generateLocations({ vehicles: 3, perVehicle: 1, from: new Date() }));
    const limited = await json<TFeedPage>(fake, `${CARRIER_REST_PATHS.feed}?limit=2&after=${some.pagination.endCursor}`);
    expect([limited.data.flatMap((v) => v.locations).length, limited.pagination.hasNextPage]).toEqual([2, true]);
    clock += 31 * 24 * 3600_000;
    const expired = await call(fake, `${CARRIER_REST_PATHS.feed}?after=${some.pagination.endCursor}`);
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ message: expect.stringMatching(/expired/i) });
  });
});

describe("page-number and offset lists (§4.4 profiles 2, 3)", () => {
  it("pages by page_no/per_page with a total; a page past the end is empty; sizes are bounded", async () => {
    const locations = generateLocations({ vehicles: 2, perVehicle: 5 });
    const fake = await start({ locations });
    const ids: string[] = [];
    for (let page = 1; page <= 4; page += 1) {
      const body = await json<TListPage>(fake, `${CARRIER_REST_PATHS.pageNumber}?page_no=${page}&per_page=4`);
      expect(body.pagination).toEqual({ per_page: 4, page_no: page, total: 10 });
      ids.push(...body.locations.map((l) => l.id));
    }
    expect(ids).toEqual([...locations].map((l) => l.id));
    expect((await call(fake, `${CARRIER_REST_PATHS.pageNumber}?per_page=101`)).status).toBe(400);
    expect((await call(fake, `${CARRIER_REST_PATHS.pageNumber}?page_no=0`)).status).toBe(400);
  });

  it("takes other parameter names, a zero-based first page and other units", async () => {
    const locations = generateLocations({ vehicles: 1, perVehicle: 3 });
    const fake = await start({ locations, pageNumber: { pageParam: "page", pageSizeParam: "size", startPage: 0 }, units: { speed: "mph", coords: "microdeg" } });
    const body = await json<TListPage>(fake, `${CARRIER_REST_PATHS.pageNumber}?page=0&size=2`);
    expect(body.pagination).toEqual({ size: 2, page: 0, total: 3 });
    const [row] = body.locations;
    expect(row!.lat).toBe(Math.round(locations[0]!.latitude * 1e6));
    expect(Number.isInteger(row!.lon)).toBe(true);
    expect(row!.speed).toBeCloseTo(locations[0]!.speedKmh / MPH, 9);
  });

  it("announces the next offset in Link rel=\"next\" until the end, without the API key in the link", async () => {
    const locations = generateLocations({ vehicles: 3, perVehicle: 3 });
    const fake = await start({ locations, auth: { type: "apiKeyQuery", apiKey: "k-123" } });
    let next: string | null = `${fake.url}${CARRIER_REST_PATHS.offsetLink}?limit=4&api_key=k-123`;
    const ids: string[] = [];
    const links: string[] = [];
    while (next) {
      const response: Response = await fetch(next);
      expect(response.status).toBe(200);
      ids.push(...((await response.json()) as TListPage).locations.map((l) => l.id));
      const link = response.headers.get("link") ?? "";
      links.push(link);
      expect(link).toContain('rel="first"');
      const match = /<([^>]+)>;\s*rel="next"/.exec(link);
      next = match ? `${match[1]}&api_key=k-123` : null;
    }
    expect(ids).toEqual(locations.map((l) => l.id));
    expect(links).toHaveLength(3);
    expect(links.join()).not.toContain("k-123");
    expect(links[0]).toContain("offset=4");
  });
});

describe("updated since (§4.2 incremental)", () => {
  it("returns only rows changed after the watermark (exclusive), again after a late correction", async () => {
    const locations = generateLocations({ vehicles: 2, perVehicle: 3, from: new Date("2026-03-01T10:00:00Z") });
    const fake = await start({ locations });
    const after = (since: string) => json<TListPage>(fake, `${CARRIER_REST_PATHS.pageNumber}?updated_after=${encodeURIComponent(since)}`);
    expect((await after("2026-03-01T10:01:00Z")).locations.map((l) => l.located_at)).toEqual(["2026-03-01T10:02:00.000Z", "2026-03-01T10:02:00.000Z"]);
    fake.state.locations[0]!.updatedAt = "2026-03-01T10:05:00.000Z";
    const again = await after("2026-03-01T10:02:00Z");
    expect(again.locations.map((l) => l.id)).toEqual([locations[0]!.id]);
    expect((await call(fake, `${CARRIER_REST_PATHS.pageNumber}?updated_after=yesterday`)).status).toBe(400);
  });

  it("takes epoch milliseconds and an inclusive bound when configured", async () => {
    const locations = generateLocations({ vehicles: 1, perVehicle: 3, from: new Date("2026-03-01T10:00:00Z") });
    const fake = await start({ locations, since: { param: "since", format: "epochMs", inclusive: true } });
    const body = await json<TListPage>(fake, `${CARRIER_REST_PATHS.offsetLink}?since=${Date.parse("2026-03-01T10:01:00Z")}`);
    expect(body.locations.map((l) => l.located_at)).toEqual(["2026-03-01T10:01:00.000Z", "2026-03-01T10:02:00.000Z"]);
  });

  it("reads list parameters from a JSON POST body too", async () => {
    const fake = await start({ locations: generateLocations({ vehicles: 2, perVehicle: 2 }) });
    const body = await json<TListPage>(fake, CARRIER_REST_PATHS.pageNumber, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ page_no: 2, per_page: 3 }) });
    expect(body.pagination).toEqual({ per_page: 3, page_no: 2, total: 4 });
    expect(body.locations).toHaveLength(1);
  });
});

describe("canonical envelope route", () => {
  it("answers positions in canonical names and units, plans and availability as stored", async () => {
    const locations = generateLocations({ vehicles: 1, perVehicle: 1 });
    const plan = { externalPlanId: "TOUR-1", externalUnitId: "101", status: "planned", legs: [] };
    const fake = await start({ locations, plans: [plan] });
    const body = await json<{ positions: unknown[]; plans: unknown[]; availability: unknown[] }>(fake, CARRIER_REST_PATHS.canonical);
    const [fix] = locations;
    expect(body).toEqual({
      positions: [{ externalUnitId: fix!.vehicleId, at: fix!.time, lat: fix!.latitude, lng: fix!.longitude, speedKmh: fix!.speedKmh, headingDeg: fix!.headingDeg, isMoving: true }],
      plans: [plan],
      availability: [],
    });
  });
});

describe("authentication (§4.2 auth)", () => {
  it("checks an API key in a header or in the query", async () => {
    const header = await start({ auth: { type: "apiKeyHeader", headerName: "X-Api-Key", apiKey: "secret-1" } });
    expect((await call(header, CARRIER_REST_PATHS.canonical, { headers: { "x-api-key": "secret-1" } })).status).toBe(200);
    expect((await call(header, CARRIER_REST_PATHS.canonical, { headers: { "x-api-key": "secret-2" } })).status).toBe(401);
    expect((await call(header, CARRIER_REST_PATHS.canonical)).status).toBe(401);
    const query = await start({ auth: { type: "apiKeyQuery", queryName: "key", apiKey: "secret-1" } });
    expect((await call(query, `${CARRIER_REST_PATHS.canonical}?key=secret-1`)).status).toBe(200);
    expect((await call(query, `${CARRIER_REST_PATHS.canonical}?key=nope`)).status).toBe(401);
  });

  it("checks a bearer token and Basic credentials, with their challenges", async () => {
    const bearer = await start({ auth: { type: "bearer", token: "tok" } });
    expect((await call(bearer, CARRIER_REST_PATHS.feed, { headers: { authorization: "Bearer tok" } })).status).toBe(200);
    const wrong = await call(bearer, CARRIER_REST_PATHS.feed, { headers: { authorization: "Bearer other" } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer .*error="invalid_token"/);
    expect(await wrong.json()).toMatchObject({ message: expect.any(String) });
    const basic = await start({ auth: { type: "basic", username: "ada", password: "pä:ss" } });
    const credentials = Buffer.from("ada:pä:ss", "utf8").toString("base64");
    expect((await call(basic, CARRIER_REST_PATHS.feed, { headers: { authorization: `Basic ${credentials}` } })).status).toBe(200);
    const refused = await call(basic, CARRIER_REST_PATHS.feed, { headers: { authorization: `Basic ${Buffer.from("ada:x").toString("base64")}` } });
    expect([refused.status, refused.headers.get("www-authenticate")]).toEqual([401, 'Basic realm="fake-carrier", charset="UTF-8"']);
  });

  it("refuses every credential once they are revoked", async () => {
    const fake = await start({ auth: { type: "bearer", token: "tok" } });
    fake.faults.refuseCredentials = true;
    expect((await call(fake, CARRIER_REST_PATHS.feed, { headers: { authorization: "Bearer tok" } })).status).toBe(401);
    fake.faults.refuseCredentials = false;
    expect((await call(fake, CARRIER_REST_PATHS.feed, { headers: { authorization: "Bearer tok" } })).status).toBe(200);
  });
});

describe("OAuth 2 client credentials (§4.4 profile 4)", () => {
  const oauth = { type: "oauth2ClientCredentials", clientId: "client-1", clientSecret: "s3cret/+", scopes: ["read"], tokenTtlSeconds: 60 } as const;
  const basicClient = `Basic ${Buffer.from(`${encodeURIComponent("client-1")}:${encodeURIComponent("s3cret/+")}`).toString("base64")}`;

  it("issues a bearer token with expires_in that the data routes accept until it expires; a new one works again", async () => {
    let clock = Date.parse("2026-03-01T00:00:00Z");
    const fake = await start({ auth: oauth, now: () => clock });
    const response = await call(fake, CARRIER_REST_PATHS.token, { ...form({ grant_type: "client_credentials", scope: "read" }), headers: { "content-type": "application/x-www-form-urlencoded", authorization: basicClient } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const token = (await response.json()) as { access_token: string; token_type: string; expires_in: number; scope: string };
    expect(token).toMatchObject({ token_type: "Bearer", expires_in: 60, scope: "read" });
    const read = () => call(fake, CARRIER_REST_PATHS.feed, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect((await read()).status).toBe(200);
    clock += 60_000;
    const expired = await read();
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain('error="invalid_token"');
    // Credentials in the body (client_secret_post) are accepted too by default.
    const renewed = (await json<{ access_token: string }>(fake, CARRIER_REST_PATHS.token, form({ grant_type: "client_credentials", client_id: "client-1", client_secret: "s3cret/+" })));
    expect(renewed.access_token).not.toBe(token.access_token);
    expect((await call(fake, CARRIER_REST_PATHS.feed, { headers: { authorization: `Bearer ${renewed.access_token}` } })).status).toBe(200);
    fake.faults.expireTokens();
    expect((await call(fake, CARRIER_REST_PATHS.feed, { headers: { authorization: `Bearer ${renewed.access_token}` } })).status).toBe(401);
  });

  it("answers RFC 6749 errors: invalid_client 401, unsupported_grant_type, invalid_scope, a JSON body, a refused method", async () => {
    const fake = await start({ auth: { ...oauth, clientAuth: "basic" } });
    const token = async (init: RequestInit) => {
      const response = await call(fake, CARRIER_REST_PATHS.token, init);
      return [response.status, ((await response.json()) as { error?: string }).error];
    };
    expect(await token(form({ grant_type: "client_credentials", client_id: "client-1", client_secret: "s3cret/+" }))).toEqual([401, "invalid_client"]);
    const withBasic = (fields: Record<string, string>) => ({ ...form(fields), headers: { "content-type": "application/x-www-form-urlencoded", authorization: basicClient } });
    expect(await token(withBasic({ grant_type: "password" }))).toEqual([400, "unsupported_grant_type"]);
    expect(await token(withBasic({ grant_type: "client_credentials", scope: "write" }))).toEqual([400, "invalid_scope"]);
    expect(await token({ method: "POST", headers: { "content-type": "application/json", authorization: basicClient }, body: JSON.stringify({ grant_type: "client_credentials" }) })).toEqual([400, "invalid_request"]);
    expect((await call(fake, CARRIER_REST_PATHS.token)).status).toBe(405);
    fake.faults.refuseCredentials = true;
    expect(await token(withBasic({ grant_type: "client_credentials" }))).toEqual([401, "invalid_client"]);
  });
});

describe("faults", () => {
  it("answers 429 with a fractional Retry-After, then with an HTTP-date, then normally", async () => {
    const fake = await start();
    const date = new Date("2026-03-01T12:00:30Z");
    fake.faults.inject({ kind: "status", status: 429, retryAfter: { seconds: 0.40235 } }, { kind: "status", status: 429, retryAfter: { date } });
    const first = await call(fake, CARRIER_REST_PATHS.canonical);
    expect([first.status, first.headers.get("retry-after")]).toEqual([429, "0.40235"]);
    const second = await call(fake, CARRIER_REST_PATHS.canonical);
    expect([second.status, second.headers.get("retry-after")]).toEqual([429, "Sun, 01 Mar 2026 12:00:30 GMT"]);
    expect((await call(fake, CARRIER_REST_PATHS.canonical)).status).toBe(200);
    expect(fake.requests.map((r) => [r.status, r.fault])).toEqual([[429, "status"], [429, "status"], [200, undefined]]);
  });

  it("limits requests per window and says when the next slot frees up", async () => {
    let clock = 1_000_000;
    const fake = await start({ rateLimit: { limit: 2, windowMs: 1000 }, now: () => clock });
    expect((await call(fake, CARRIER_REST_PATHS.canonical)).status).toBe(200);
    clock += 600;
    expect((await call(fake, CARRIER_REST_PATHS.canonical)).status).toBe(200);
    const limited = await call(fake, CARRIER_REST_PATHS.canonical);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "0.40000"]);
    clock += 400;
    expect((await call(fake, CARRIER_REST_PATHS.canonical)).status).toBe(200);
    const dated = await start({ rateLimit: { limit: 1, windowMs: 10_000, retryAfter: "httpDate" }, now: () => Date.parse("2026-03-01T12:00:00.250Z") });
    await call(dated, CARRIER_REST_PATHS.canonical);
    expect((await call(dated, CARRIER_REST_PATHS.canonical)).headers.get("retry-after")).toBe("Sun, 01 Mar 2026 12:00:11 GMT");
  });

  it("keeps a fault for `times` requests, or only on the path it names (the token endpoint included)", async () => {
    const fake = await start({ auth: { type: "oauth2ClientCredentials", clientId: "c", clientSecret: "s" } });
    fake.faults.inject({ kind: "status", status: 503, path: CARRIER_REST_PATHS.token, times: 2, body: "<html>busy</html>", contentType: "text/html" });
    const grant = form({ grant_type: "client_credentials", client_id: "c", client_secret: "s" });
    const busy = await call(fake, CARRIER_REST_PATHS.token, grant);
    expect([busy.status, busy.headers.get("content-type"), await busy.text()]).toEqual([503, "text/html", "<html>busy</html>"]);
    expect((await call(fake, CARRIER_REST_PATHS.token, grant)).status).toBe(503);
    expect((await call(fake, CARRIER_REST_PATHS.token, grant)).status).toBe(200);
    fake.faults.inject({ kind: "status", status: 500, times: Infinity });
    expect((await call(fake, CARRIER_REST_PATHS.feed)).status).toBe(500);
    expect((await call(fake, CARRIER_REST_PATHS.pageNumber)).status).toBe(500);
    expect((await call(fake, CARRIER_REST_PATHS.token, grant)).status).toBe(200);
  });

  it("sends malformed JSON: the status and content type of a page, a body that does not parse", async () => {
    const fake = await start({ locations: generateLocations() });
    fake.faults.inject({ kind: "malformedJson" });
    const response = await call(fake, CARRIER_REST_PATHS.feed);
    expect([response.status, response.headers.get("content-type")]).toEqual([200, "application/json; charset=utf-8"]);
    const text = await response.text();
    expect(text.startsWith('{"data":[')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect((await call(fake, CARRIER_REST_PATHS.feed)).status).toBe(200);
  });

  it("hangs before the headers or in the middle of the body, so only a client timeout ends the request", async () => {
    const fake = await start({ locations: generateLocations() });
    fake.faults.inject({ kind: "hang" }, { kind: "hang", stage: "afterHeaders" });
    await expect(call(fake, CARRIER_REST_PATHS.feed, { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: "TimeoutError" });
    const response = await call(fake, CARRIER_REST_PATHS.feed, { signal: AbortSignal.timeout(300) });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toMatchObject({ name: "TimeoutError" });
    expect((await call(fake, CARRIER_REST_PATHS.feed)).status).toBe(200);
  });

  it("resets the connection: the client sees a network error", async () => {
    const fake = await start();
    fake.faults.inject({ kind: "reset" });
    await expect(call(fake, CARRIER_REST_PATHS.feed)).rejects.toThrow(TypeError);
    expect(fake.requests.map((r) => [r.fault, r.status])).toEqual([["reset", undefined]]);
  });
});

describe("request log", () => {
  it("records method, path, query and body with every secret redacted", async () => {
    const header = await start({ auth: { type: "apiKeyHeader", apiKey: "key-SECRET" } });
    await call(header, `${CARRIER_REST_PATHS.pageNumber}?page_no=1`, { headers: { "x-api-key": "key-SECRET", cookie: "sid=SECRET" } });
    const query = await start({ auth: { type: "apiKeyQuery", apiKey: "key-SECRET" } });
    await call(query, `${CARRIER_REST_PATHS.offsetLink}?api_key=key-SECRET&limit=2`);
    const oauth = await start({ auth: { type: "oauth2ClientCredentials", clientId: "c", clientSecret: "client-SECRET" } });
    const { access_token } = await json<{ access_token: string }>(oauth, CARRIER_REST_PATHS.token, form({ grant_type: "client_credentials", client_id: "c", client_secret: "client-SECRET" }));
    await call(oauth, CARRIER_REST_PATHS.feed, { headers: { authorization: `Bearer ${access_token}` } });

    expect(header.requests[0]).toMatchObject({ method: "GET", path: CARRIER_REST_PATHS.pageNumber, query: { page_no: "1" }, headers: { "x-api-key": "[redacted]", cookie: "[redacted]" }, auth: { presented: "apiKeyHeader", accepted: true }, status: 200 });
    expect(query.requests[0]).toMatchObject({ query: { api_key: "[redacted]", limit: "2" }, auth: { presented: "apiKeyQuery", accepted: true } });
    expect(oauth.requests[0]).toMatchObject({ method: "POST", path: CARRIER_REST_PATHS.token, body: { grant_type: "client_credentials", client_id: "c", client_secret: "[redacted]" } });
    expect(oauth.requests[1]).toMatchObject({ headers: { authorization: "Bearer [redacted]" }, auth: { presented: "oauth2ClientCredentials", accepted: true } });
    const everything = JSON.stringify([header.requests, query.requests, oauth.requests]);
    expect(everything).not.toMatch(/SECRET/);
    expect(everything).not.toContain(access_token);
  });

  it("answers 404 for an unknown path and 413 for an oversized body", async () => {
    const fake = await start({ maxBodyBytes: 100 });
    expect((await call(fake, "/nope")).status).toBe(404);
    expect((await call(fake, CARRIER_REST_PATHS.pageNumber, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ pad: "x".repeat(200) }) })).status).toBe(413);
  });
});
