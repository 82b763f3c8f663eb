import { beforeEach, describe, expect, it, vi } from "vitest";

const sent: { name: string; data: unknown; id?: string }[] = [];
vi.mock("@/lib/env", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/env")>()), isInngestEnabled: () => true }));
vi.mock("@/inngest/client", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/inngest/client")>();
  return { ...actual, inngest: { send: async (event: { name: string; data: unknown; id?: string }) => void sent.push(event) } };
});

const { dispatchEventId, dispatchMessage } = await import("./dispatch-message");

describe("dispatching to Inngest", () => {
  beforeEach(() => void sent.splice(0));

  it("gives every retry and sweep its own event id, which Inngest would otherwise drop for 24 hours", async () => {
    await dispatchMessage({ messageId: "m-1", companyId: "c", reason: "landed" });
    await dispatchMessage({ messageId: "m-1", companyId: "c", reason: "retry" });
    await dispatchMessage({ messageId: "m-1", companyId: "c", reason: "retry" });
    await dispatchMessage({ messageId: "m-1", companyId: "c", reason: "sweep" });
    expect(sent.map((e) => e.name)).toEqual(Array(4).fill("carriers/inbound-message.received"));
    expect(sent.every((e) => (e.data as { messageId: string }).messageId === "m-1")).toBe(true);
    const ids = sent.map((e) => e.id);
    // The first dispatch keeps the message id, so a doubled send from the front door is still de-duplicated.
    expect(ids[0]).toBe("m-1");
    expect(new Set(ids).size).toBe(4);
  });

  it("gives sweeps of one message within one claim lease the same id, so a long backlog is not multiplied", () => {
    const lease = 600_000;
    const start = 1_800_000_000_000 - (1_800_000_000_000 % lease);
    expect(dispatchEventId({ messageId: "m", reason: "sweep", now: start })).toBe(dispatchEventId({ messageId: "m", reason: "sweep", now: start + lease - 1 }));
    expect(dispatchEventId({ messageId: "m", reason: "sweep", now: start + lease })).not.toBe(dispatchEventId({ messageId: "m", reason: "sweep", now: start }));
  });
});
