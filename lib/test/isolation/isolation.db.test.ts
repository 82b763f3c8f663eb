// The isolation sweep. Every route method and server action found on disk must
// have an entry in registry.ts. Each scoped entry is called with company A's
// ids: as company B's admin (not_found, or nothing of A in the answer), as A's
// member (forbidden, for every mutation) and signed out (unauthenticated);
// after each refused call A's rows are read back and must be unchanged. The
// same call by a fresh company's own admin must get through, which proves the
// probe names real objects and is well-formed (so a refusal means scoping,
// not a typo). Only next-auth's session lookup, Next's request headers and
// revalidation are replaced; everything below runs against the real database.
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { settle, startFrontDoor, type TFrontDoor } from "@/lib/test/front-door-server";
import { buildTenant, type TTenant } from "./build-tenant";
import { findEntryPoints, ROOT } from "./find-entry-points";
import type { TAnswer } from "./probes";
import { registry } from "./registry";
import { actAs, requestState } from "./request-state";
import { tenantSnapshot } from "./tenant-snapshot";

// getSessionUser() calls getServerSession(); the user it names is re-loaded from the database as in production.
vi.mock("next-auth", async (importOriginal) => {
  const { requestState: state } = await import("./request-state");
  return { ...(await importOriginal<typeof import("next-auth")>()), getServerSession: async () => state.session };
});
vi.mock("next/headers", async () => {
  const { requestState: state } = await import("./request-state");
  return { headers: async () => state.headers };
});
// Revalidation needs Next's request store; it only refreshes cached pages.
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  revalidatePath: () => undefined,
  revalidateTag: () => undefined,
  updateTag: () => undefined,
  refresh: () => undefined,
}));

const ROUTE_FILE = /(^|\/)route\.\w+$/;
const cases = Object.entries(registry).flatMap(([file, exports]) => Object.entries(exports).map(([name, entry]) => ({ file, name, entry, key: `${file} ${name}` })));
const scoped = cases.flatMap((c) => ("exempt" in c.entry ? [] : [{ ...c, entry: c.entry }]));
const isMutation = ({ file, name }: { file: string; name: string }) => !ROUTE_FILE.test(file) || !["GET", "HEAD"].includes(name);
// "GET /api/v1/…/units/[unitId]" for a route, "renameAction (app/…/actions.ts)" for an action.
const titleOf = ({ file, name }: { file: string; name: string }) =>
  ROUTE_FILE.test(file) ? `${name} /${file.replace(/^app\//, "").replace(/\(\w+\)\//g, "").replace(ROUTE_FILE, "")}` : `${name} (${file})`;

let frontDoor: TFrontDoor;
let a: TTenant;
let b: TTenant;

beforeAll(async () => {
  // "Send test" posts to the origin the request names; here, a real front door.
  frontDoor = await startFrontDoor();
  requestState.headers = new Headers({ host: new URL(frontDoor.origin).host });
  a = await buildTenant("A");
  b = await buildTenant("B");
});

afterAll(async () => {
  actAs(null);
  await settle();
  await frontDoor.close();
});

const handlerOf = async (file: string, name: string): Promise<unknown> => {
  const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
  if (typeof mod[name] !== "function") throw new Error(`${file} has no function export "${name}"`);
  return mod[name];
};

const leaksOf = (answer: TAnswer, target: TTenant) => target.markers.filter((marker) => answer.text.includes(marker));

// Calls with company A's ids, then proves A's rows are exactly as before.
const changingNothingOfA = async (call: (target: TTenant) => Promise<TAnswer>): Promise<TAnswer> => {
  const before = await tenantSnapshot(a.companyId);
  const answer = await call(a);
  const after = await tenantSnapshot(a.companyId);
  // A fresh company A after a breach, so that one hole fails its own case and not every later one.
  if (!isDeepStrictEqual(after, before)) a = await buildTenant("A");
  expect(after, `${answer.status} ${answer.text.slice(0, 300)}`).toEqual(before);
  return answer;
};

describe("isolation sweep: the registry", () => {
  it("has an entry for every route method and server action, and none for an export that is gone", async () => {
    const { entryPoints, problems } = await findEntryPoints();
    const found = new Set(entryPoints.map((e) => `${e.file} ${e.name}`));
    const listed = new Set(cases.map((c) => c.key));
    expect(found.size).toBeGreaterThan(0);
    expect([
      ...problems,
      ...[...found].filter((key) => !listed.has(key)).map((key) => `new route/action without an isolation entry: ${key}`),
      ...[...listed].filter((key) => !found.has(key)).map((key) => `isolation entry for an export that does not exist: ${key}`),
    ]).toEqual([]);
  });

  it("gives every exemption a written reason", () => {
    const exempt = cases.flatMap((c) => ("exempt" in c.entry ? [{ key: c.key, reason: c.entry.exempt }] : []));
    expect(exempt.filter((e) => !/^(public|front door|next-auth|inngest serve): .{10,}/.test(e.reason)).map((e) => e.key)).toEqual([]);
  });
});

for (const { file, name, entry } of scoped) describe(`isolation sweep: ${titleOf({ file, name })}`, () => {
  const call = async (target: TTenant) => entry.probe({ handler: await handlerOf(file, name), target });

  if (entry.scoped === "not_found") {
    it("answers not_found to another company's admin, showing and changing nothing of the company", async () => {
      actAs(b.admin);
      const answer = await changingNothingOfA(call);
      expect({ status: answer.status, code: answer.code }, answer.text).toEqual({ status: 404, code: "not_found" });
      expect(leaksOf(answer, a)).toEqual([]);
    });
  } else {
    it("shows another company's admin nothing of the company and changes nothing of it", async () => {
      actAs(b.admin);
      const answer = await changingNothingOfA(call);
      expect(answer.status, answer.text).toBeLessThan(400);
      expect(leaksOf(answer, a)).toEqual([]);
    });
  }

  if (isMutation({ file, name })) {
    it("answers forbidden to a member of the company, changing nothing", async () => {
      actAs(a.member);
      const answer = await changingNothingOfA(call);
      expect({ status: answer.status, code: answer.code }, answer.text).toEqual({ status: 403, code: "forbidden" });
    });
  }

  it("answers unauthenticated without a session, changing nothing", async () => {
    actAs(null);
    const answer = await changingNothingOfA(call);
    expect({ status: answer.status, code: answer.code }, answer.text).toEqual({ status: 401, code: "unauthenticated" });
  });

  it("lets the company's own admin through with the same call (the probe names real objects)", async () => {
    const own = await buildTenant("own");
    actAs(own.admin);
    const answer = await call(own);
    expect(answer.status, answer.text).toBeLessThan(400);
    if (entry.scoped === "sees_nothing" && entry.shows) expect(answer.text).toContain(entry.shows(own));
  });
});
