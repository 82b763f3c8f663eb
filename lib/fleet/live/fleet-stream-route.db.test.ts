// The stream route as a signed-in user: it answers an event stream that ends
// once the user is removed from the company (re-checked by the route's own
// callback; only the interval is shortened here).
import { describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/v1/carriers-module/my-company/fleet/stream/route";
import type { TTestSessionUser } from "@/lib/test/route-request";
import { addUser, createCompany } from "@/lib/test/factories";
import { removeUser } from "@/lib/users/remove-user";
import { countFleetSubscribers } from "./count-fleet-subscribers";

const sessionUser = vi.hoisted(() => ({ current: null as TTestSessionUser | null }));
vi.mock("@/lib/auth/get-session-user", () => ({ getSessionUser: async () => sessionUser.current }));
vi.mock("@/lib/fleet/live/fleet-event-stream", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./fleet-event-stream")>();
  return { fleetEventStream: (input: Parameters<typeof actual.fleetEventStream>[0]) => actual.fleetEventStream({ ...input, options: { recheckMs: 100 } }) };
});

/** Reads what the stream sends for up to `timeoutMs`; `ended` once it has closed. */
const reading = (body: ReadableStream<Uint8Array>) => {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  return async (timeoutMs: number) => {
    let text = "";
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      pending ??= reader.read();
      const chunk = await Promise.race([pending, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()))))]);
      clearTimeout(timer);
      if (chunk === null) return { text, ended: false };
      pending = undefined;
      if (chunk.done) return { text, ended: true };
      text += decoder.decode(chunk.value);
    }
  };
};

const call = (signal?: AbortSignal) =>
  GET(new Request("http://localhost/api/v1/carriers-module/my-company/fleet/stream", { signal }), { params: Promise.resolve({}) });

describe("GET …/fleet/stream", () => {
  it("answers 401 without a session", async () => {
    sessionUser.current = null;
    const response = await call();
    expect(response.status).toBe(401);
  });

  it("ends a removed user's open stream", async () => {
    const { admin, companyId } = await createCompany();
    const member = await addUser({ admin });
    sessionUser.current = { id: member.id, companyId, role: "member", name: "member user", email: member.email, companyName: "x" };
    const response = await call(new AbortController().signal);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const read = reading(response.body!);
    // Open and still authorised across several re-checks.
    const open = await read(500);
    expect(open.ended).toBe(false);
    expect(open.text).toContain("event: ready");
    expect(countFleetSubscribers({ companyId })).toBe(1);

    await removeUser({ actor: admin, userId: member.id });
    expect((await read(1_000)).ended).toBe(true);
    expect(countFleetSubscribers({ companyId })).toBe(0);
  });
});
