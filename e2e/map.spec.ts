import { createHmac } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

const createConnection = async (page: Page) => {
  await page.goto("/fleet/integrations/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Name").fill("Telematics");
  await page.getByRole("button", { name: "Create connection" }).click();
  return {
    url: await page.getByLabel("Inbound URL", { exact: true }).inputValue(),
    secret: await page.getByLabel("Signing secret", { exact: true }).inputValue(),
  };
};

const push = async (connection: { url: string; secret: string }, envelope: object) => {
  const body = JSON.stringify(envelope);
  const response = await fetch(connection.url, { method: "POST", headers: { "content-type": "application/json", "x-betakom-signature": createHmac("sha256", connection.secret).update(body).digest("hex") }, body });
  expect(response.status).toBe(202);
};

/** The specification's example with its times moved to the present: the fix now, windows and the offer in the coming days. */
const presentExample = (now: number) => {
  const iso = (hours: number) => new Date(now + hours * 3_600_000).toISOString();
  return {
    positions: [{ externalUnitId: "TRK-1", at: iso(0), lat: 48.13, lng: 11.57, speedKmh: 80, headingDeg: 270, isMoving: true, ignitionOn: true, driverName: "M. Muster" }],
    plans: [{ externalUnitId: "TRK-1", externalPlanId: "TOUR-42", status: "planned", legs: [{ seq: 0, kind: "pickup", place: { lat: 48.1, lng: 11.5, postalCode: "80331", country: "DE", name: "Muenchen" }, windowStart: iso(24), windowEnd: iso(28), loadState: "empty", goodsDescription: "Paletten", weightKg: 12000 }] }],
    availability: [{ externalUnitId: "TRK-2", externalOfferId: "OFFER-7", availableFrom: iso(48), availableTo: iso(96), origin: { lat: 50.1, lng: 8.6, postalCode: "60311", country: "DE", radiusKm: 50 }, preferredDestination: { region: "Ruhr", country: "DE" }, bodyType: "tautliner", capacityKg: 24000 }],
  };
};

test("the map shows pushed units, plans and offers live, without reload", async ({ page }, testInfo) => {
  await signUp(page, { company: "Map Freight", name: "Mara Map", email: uniqueEmail("mara") });
  const connection = await createConnection(page);

  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Map" }).click();
  await expect(page.getByText("No vehicles yet.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();

  const now = Date.now();
  await push(connection, presentExample(now));
  const units = page.getByRole("list", { name: "Units" });
  await expect(units.getByRole("button", { name: /TRK-1/ })).toBeVisible({ timeout: 10_000 });
  await expect(units.getByRole("button", { name: /TRK-1/ })).toContainText("M. Muster · 80 km/h");

  await units.getByRole("button", { name: /TRK-1/ }).click();
  const panel = page.getByRole("region", { name: "Unit TRK-1" });
  await expect(panel.getByRole("heading", { name: "Plan TOUR-42 (planned)" })).toBeVisible();
  const leg = panel.getByRole("list", { name: "Legs" }).getByRole("listitem").first();
  await expect(leg).toContainText("1. Pickup: Muenchen (80331, DE)");
  const windowText = (h: number) => new Date(now + h * 3_600_000).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  await expect(leg).toContainText(`${windowText(24)} UTC – ${windowText(28)} UTC`);
  await expect(panel.getByTestId("unit-speed")).toHaveText("80 km/h");
  await expect(page.getByRole("img", { name: "Leg 1: pickup at Muenchen" })).toBeVisible();

  await push(connection, { positions: [{ externalUnitId: "TRK-1", at: new Date(now + 60_000).toISOString(), lat: 48.2, lng: 11.6, speedKmh: 64, headingDeg: 180, isMoving: true }] });
  await expect(panel.getByTestId("unit-speed")).toHaveText("64 km/h", { timeout: 10_000 });

  await page.getByLabel("Show capacity offers").check();
  await page.getByRole("button", { name: "Close unit panel" }).click();
  await expect(page.getByRole("list", { name: "Capacity offers" })).toContainText("OFFER-7 · 24,000 kg · tautliner");
  await page.waitForTimeout(1_000);
  await page.getByTestId("fleet-map").screenshot({ path: testInfo.outputPath("fleet-map.png") });
});
