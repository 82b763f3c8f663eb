import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/crypto/random-token";
import { createConnection } from "@/lib/integrations/create-connection";
import { landMessage } from "@/lib/ingest/front-door/land-message";
import { processMessage } from "@/lib/ingest/process/process-message";
import { createCompany } from "@/lib/test/factories";
import { fleetEventStream } from "./fleet-event-stream";

const readEvents = (stream: ReadableStream<Uint8Array>) => {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  // A read still waiting from an earlier call (a timeout does not cancel it).
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  const next = async (name: string, timeoutMs = 5_000): Promise<unknown> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`).exec(buffer);
      if (match) {
        buffer = buffer.slice(match.index + match[0].length);
        return JSON.parse(match[1]!);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no "${name}" event; got: ${buffer}`);
      pending ??= reader.read();
      const chunk = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]);
      if (chunk === null) continue;
      pending = undefined;
      if (chunk.done) throw new Error("stream ended");
      buffer += decoder.decode(chunk.value);
    }
  };
  return { next, cancel: () => reader.cancel() };
};

describe("live fleet stream", () => {
  it("sends only the units a processed message moved, for that company only", async () => {
    const a = await createCompany("A");
    const b = await createCompany("B");
    const connection = await createConnection({ actor: a.admin, name: "Feed", connector: "inbound-webhook" });
    const controller = new AbortController();
    const streamA = readEvents(fleetEventStream({ companyId: a.companyId, signal: controller.signal }));
    const streamB = readEvents(fleetEventStream({ companyId: b.companyId, signal: controller.signal }));
    await streamA.next("ready");
    await streamB.next("ready");

    const body = Buffer.from(JSON.stringify({ positions: [{ externalUnitId: "LIVE-1", at: new Date().toISOString(), lat: 48, lng: 11, speedKmh: 42 }] }));
    const { messageId } = await landMessage({ companyId: a.companyId, connectionId: connection.connectionId, body, bodySha256: sha256Hex(body), idempotencyKey: null, signatureVariant: "current", signedAt: null, dryRun: false });
    const started = Date.now();
    await processMessage({ messageId, runStep: (_id, work) => work() });
    const units = (await streamA.next("units")) as { features: { properties: { externalUnitId: string; speedKmh: number } }[] };
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(units.features.map((f) => [f.properties.externalUnitId, f.properties.speedKmh])).toEqual([["LIVE-1", 42]]);
    expect(await streamA.next("changed")).toEqual({ messageIds: [messageId] });
    await expect(streamB.next("units", 1_500)).rejects.toThrow(/no "units" event/);
    controller.abort();
  });
});
