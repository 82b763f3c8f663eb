import { createHmac } from "node:crypto";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

const expectSecurityHeaders = (response: APIResponse) => {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/worker-src [^;]*blob:/);
  expect(csp).not.toContain("'unsafe-eval'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // The test server runs on http://localhost: no HSTS promise.
  expect(headers["strict-transport-security"]).toBeUndefined();
};

test("pages and API routes carry the security headers", async ({ request }) => {
  const page = await request.get("/login");
  expect(page.status()).toBe(200);
  expectSecurityHeaders(page);

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expectSecurityHeaders(health);

  // The inbound front door, answering an unknown token.
  const frontDoor = await request.post("/api/v1/carriers-module/my-company/integrations/inbound/inbound-webhook/not-a-token", { data: {} });
  expect(frontDoor.status()).toBe(404);
  expectSecurityHeaders(frontDoor);
});

/** Collects CSP violations: the page's securitypolicyviolation events and the browser's console reports (workers included). */
const watchViolations = async (page: Page) => {
  const consoleReports: string[] = [];
  page.on("console", (message) => {
    if (/content security policy|refused to/i.test(message.text())) consoleReports.push(message.text());
  });
  await page.addInitScript(() => {
    const store = window as unknown as { __cspViolations: string[] };
    store.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => store.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => [...consoleReports, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
};

test("the map renders under the policy with no violation", async ({ page }) => {
  const violations = await watchViolations(page);
  await signUp(page, { company: "Policy Freight", name: "Pia Policy", email: uniqueEmail("pia") });
  await page.goto("/fleet/integrations/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Name").fill("Telematics");
  await page.getByRole("button", { name: "Create connection" }).click();
  const url = await page.getByLabel("Inbound URL", { exact: true }).inputValue();
  const secret = await page.getByLabel("Signing secret", { exact: true }).inputValue();

  const iso = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const body = JSON.stringify({
    positions: [{ externalUnitId: "CSP-1", at: iso(0), lat: 52.52, lng: 13.4, speedKmh: 50, headingDeg: 90, isMoving: true }],
    plans: [{ externalUnitId: "CSP-1", externalPlanId: "TOUR-CSP", status: "planned", legs: [{ seq: 0, kind: "pickup", place: { lat: 52.5, lng: 13.3, postalCode: "10115", country: "DE", name: "Berlin" }, windowStart: iso(24), windowEnd: iso(28) }] }],
  });
  const pushed = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-betakom-signature": createHmac("sha256", secret).update(body).digest("hex") }, body });
  expect(pushed.status).toBe(202);

  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Map" }).click();
  const units = page.getByRole("list", { name: "Units" });
  await expect(units.getByRole("button", { name: /CSP-1/ })).toBeVisible({ timeout: 15_000 });
  await units.getByRole("button", { name: /CSP-1/ }).click();
  // The leg marker is drawn only after MapLibre's "load": its worker ran and the basemap was parsed.
  await expect(page.getByRole("img", { name: "Leg 1: pickup at Berlin" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("fleet-map").locator("canvas")).toBeVisible();
  await page.waitForTimeout(1_000);
  expect(await violations()).toEqual([]);

  // The watch itself works: a request the policy forbids is reported (blocked before any network access).
  await page.evaluate(() => fetch("https://blocked.invalid/probe").catch(() => undefined));
  await expect.poll(violations).toEqual(expect.arrayContaining([expect.stringMatching(/connect-src/)]));
});
