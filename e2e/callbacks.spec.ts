// Callbacks end to end: an admin adds an endpoint pointing at a receiver this
// test runs, pushes the specification's example through the real front door,
// and the receiver gets the events, each verified by the standardwebhooks
// package; then the receiver goes down, a failed attempt and its next retry
// show in the log, and "Resend" succeeds once it is back.
import { createHmac } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { EXAMPLE_ENVELOPE } from "@/lib/integrations/example-envelope";
import { startCallbackReceiver, type TCallbackReceiver } from "./fixtures/callback-receiver";
import { signUp, uniqueEmail } from "./helpers";

type TEvent = { id: string; event_id: string; event_name: string; sequence: number; data: Record<string, unknown> };

const push = async (inboundUrl: string, secret: string, envelope: object) => {
  const body = JSON.stringify(envelope);
  const response = await fetch(inboundUrl, {
    method: "POST",
    headers: { "content-type": "application/json", "x-betakom-signature": createHmac("sha256", secret).update(body).digest("hex") },
    body,
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { messageId: string }).messageId;
};

/** Every event the receiver got, each verified as an integrator would (raw body, headers, the endpoint's secret). */
const verifiedEvents = (receiver: TCallbackReceiver, secret: string): TEvent[] => {
  const webhook = new Webhook(secret);
  return receiver.received.map((r) => {
    const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
    const event = webhook.verify(r.body, headers) as TEvent;
    expect(headers["webhook-id"]).toBe(event.event_id);
    expect(headers["x-betakom-signature"]).toBe(createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64")).update(r.body).digest("hex"));
    expect(headers["x-betakom-event"]).toBe(event.event_name);
    return event;
  });
};

const createConnection = async (page: Page) => {
  await page.goto("/fleet/integrations/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Name").fill("Dispatch feed");
  await page.getByRole("button", { name: "Create connection" }).click();
  const credentials = page.getByRole("region", { name: "New credentials" });
  const inboundUrl = await credentials.getByRole("textbox", { name: "Inbound URL" }).inputValue();
  const secret = await credentials.getByRole("textbox", { name: "Signing secret" }).inputValue();
  await page.getByRole("link", { name: "Go to the connection" }).click();
  await expect(page.getByRole("heading", { name: "Dispatch feed" })).toBeVisible();
  return { inboundUrl, secret };
};

test("an endpoint receives signed events for a pushed message, test events pass, and a failed delivery is resent", async ({ page }) => {
  test.setTimeout(120_000);
  const receiver = await startCallbackReceiver();
  try {
    await signUp(page, { company: "Callback Cargo", name: "Cleo Callback", email: uniqueEmail("cleo") });
    const { inboundUrl, secret: inboundSecret } = await createConnection(page);

    await page.waitForLoadState("networkidle");
    const callbacks = page.getByRole("region", { name: "Callbacks" });
    await callbacks.getByLabel("Callback URL").fill(receiver.url);
    await expect(callbacks.getByText(/Warning: this URL uses plain http:\/\//)).toBeVisible();
    await callbacks.getByLabel("Description").fill("Integrator TMS");
    await expect(callbacks.getByRole("checkbox", { name: "plans.plan.created" })).toBeChecked();
    await callbacks.getByRole("button", { name: "Add callback endpoint" }).click();
    const secretField = page.getByRole("textbox", { name: "Callback signing secret" });
    await expect(secretField).toHaveAttribute("readonly", "");
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await expect(page.getByRole("tab", { name: "Node.js (standardwebhooks)" })).toBeVisible();

    // The specification's example, pushed like an integrator would.
    const messageId = await push(inboundUrl, inboundSecret, EXAMPLE_ENVELOPE);
    await expect.poll(() => verifiedEvents(receiver, secret).map((e) => e.event_name).sort(), { timeout: 30_000 }).toEqual(
      expect.arrayContaining(["availability.offer.created", "inbound.message.processed", "plans.plan.created"]),
    );
    const events = verifiedEvents(receiver, secret);
    const byName = (name: string) => events.find((e) => e.event_name === name)!;
    expect(byName("inbound.message.processed").id).toBe(messageId);
    expect(byName("inbound.message.processed").data).toMatchObject({ counts: { positions: { accepted: 1 }, plans: { accepted: 1 }, availability: { accepted: 1 } }, droppedTotal: 0 });
    expect(byName("plans.plan.created").id).toBe("TOUR-42");
    expect(byName("availability.offer.created").id).toBe("OFFER-7");
    // Each event once: the receiver de-duplicates on webhook-id and finds nothing to drop.
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);

    // "Send test event" goes through the real delivery path.
    await page.getByRole("link", { name: "Open the new endpoint" }).click();
    await expect(page.getByRole("heading", { name: "Callback endpoint: Integrator TMS" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Send test event" }).click();
    const testDelivery = page.getByRole("region", { name: "Test delivery" });
    await expect(testDelivery.getByRole("status")).toHaveText("Passed", { timeout: 30_000 });
    await expect(testDelivery).toContainText("204");
    await expect.poll(() => verifiedEvents(receiver, secret).some((e) => e.event_name === "callbacks.endpoint.test")).toBe(true);

    // The receiver goes down: the next event's first attempt fails and waits for its retry.
    await receiver.stop();
    const plan = EXAMPLE_ENVELOPE.plans[0];
    await push(inboundUrl, inboundSecret, { plans: [{ ...plan, status: "in_progress" }] });
    const deliveries = page.getByRole("list", { name: "Deliveries" });
    const statusChanged = deliveries.getByRole("listitem").filter({ hasText: "plans.plan.status_changed" });
    await expect(async () => {
      await page.reload();
      await expect(statusChanged).toContainText("Next attempt", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(statusChanged.getByRole("cell", { name: /network_error/ })).toBeVisible();

    // Back up: "Resend" delivers it, with the same webhook-id as the failed attempt.
    await receiver.start();
    await page.waitForLoadState("networkidle");
    await statusChanged.getByRole("button", { name: /^Resend plans\.plan\.status_changed for TOUR-42/ }).click();
    await expect(page.getByRole("region", { name: "Resend result" }).getByRole("status")).toHaveText("Passed", { timeout: 30_000 });
    const resent = verifiedEvents(receiver, secret).filter((e) => e.event_name === "plans.plan.status_changed");
    expect(resent).toHaveLength(1);
    expect(resent[0]!.data).toMatchObject({ from: "planned", to: "in_progress" });
    expect(resent[0]!.sequence).toBeGreaterThan(byName("plans.plan.created").sequence);
  } finally {
    await receiver.stop();
  }
});
