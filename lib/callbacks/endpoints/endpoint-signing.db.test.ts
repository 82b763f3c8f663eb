// The endpoint service and the delivery engine together: the secret shown once is the one callbacks are
// signed with, and during a rotation overlap the previous secret still verifies.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendTestEvent } from "@/lib/callbacks/deliver/send-test-event";
import { createConnection } from "@/lib/integrations/create-connection";
import { loopbackTransport, startCallbackReceiver } from "@/lib/test/callback-receiver";
import { createCompany } from "@/lib/test/factories";
import { createEndpoint } from "./create-endpoint";
import { rotateEndpointSecret } from "./rotate-endpoint-secret";

let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
beforeAll(async () => {
  receiver = await startCallbackReceiver();
});
afterAll(async () => receiver.close());

const headersOf = (h: Record<string, string | string[] | undefined>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, String(v)]));

describe("an endpoint's secret signs its callbacks", () => {
  it("verifies with the secret shown at creation, and with both secrets during a rotation overlap; not with the old one after 'immediately'", async () => {
    const { admin } = await createCompany();
    const { connectionId } = await createConnection({ actor: admin, name: "Feed", connector: "inbound-webhook" });
    const { endpointId, secret: first } = await createEndpoint({ actor: admin, connectionId, input: { url: receiver.url("/signed"), description: "Receiver", eventTypes: ["callbacks.endpoint.test"] } });
    const transport = loopbackTransport();

    expect(await sendTestEvent({ actor: admin, endpointId, transport })).toMatchObject({ succeeded: true, httpStatus: 200 });
    const one = receiver.received.at(-1)!;
    expect(() => new Webhook(first).verify(one.body, headersOf(one.headers))).not.toThrow();

    const { secret: second } = await rotateEndpointSecret({ actor: admin, endpointId, overlap: "24h" });
    expect(await sendTestEvent({ actor: admin, endpointId, transport })).toMatchObject({ succeeded: true });
    const two = receiver.received.at(-1)!;
    expect(String(two.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(() => new Webhook(second).verify(two.body, headersOf(two.headers))).not.toThrow();
    expect(() => new Webhook(first).verify(two.body, headersOf(two.headers))).not.toThrow();

    const { secret: third } = await rotateEndpointSecret({ actor: admin, endpointId, overlap: "immediately" });
    await sendTestEvent({ actor: admin, endpointId, transport });
    const three = receiver.received.at(-1)!;
    expect(() => new Webhook(third).verify(three.body, headersOf(three.headers))).not.toThrow();
    expect(() => new Webhook(second).verify(three.body, headersOf(three.headers))).toThrow();
  });
});
