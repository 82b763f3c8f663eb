import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "../helpers";

export type TConnectionSetup = { page: Page; inboundUrl: string; secret: string; connectionPath: string; close: () => Promise<void> };

/** Signs up a company on the server at `baseURL` and creates an inbound-webhook connection, all through its UI; returns the revealed URL and secret. */
export const setUpConnection = async ({ browser, baseURL, company }: { browser: Browser; baseURL: string; company: string }): Promise<TConnectionSetup> => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signUp(page, { company, name: "Fay Fault", email: uniqueEmail("fay") });
  await page.goto("/fleet/integrations/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Name").fill("Telematics");
  await page.getByLabel("Connector").selectOption("inbound-webhook");
  await page.getByRole("button", { name: "Create connection" }).click();
  const inboundUrl = await page.getByLabel("Inbound URL", { exact: true }).inputValue();
  const secret = await page.getByLabel("Signing secret", { exact: true }).inputValue();
  expect(inboundUrl.startsWith(`${baseURL}/api/v1/`), inboundUrl).toBe(true);
  await page.getByRole("link", { name: "Go to the connection" }).click();
  await expect(page.getByRole("heading", { name: "Telematics" })).toBeVisible();
  return { page, inboundUrl, secret, connectionPath: new URL(page.url()).pathname, close: () => context.close() };
};

/** How many of the connection's messages the portal's message list shows with `status` (it lists up to 50). */
export const countListedMessages = async ({ page, connectionPath, status }: { page: Page; connectionPath: string; status: "received" | "processing" | "processed" | "failed" }): Promise<number> => {
  await page.goto(`${connectionPath}?status=${status}`);
  if (await page.getByText(`No ${status} messages.`).isVisible()) return 0;
  return page.getByRole("list", { name: "Messages" }).getByRole("listitem").count();
};

/** Whether the connection's message list has any message with `status`: the server-rendered page only (cheap enough to poll under load). */
export const hasListedMessages = async ({ request, connectionPath, status }: { request: APIRequestContext; connectionPath: string; status: "received" | "processing" | "processed" }): Promise<boolean> => {
  const response = await request.get(`${connectionPath}?status=${status}`);
  expect(response.status()).toBe(200);
  return !(await response.text()).includes(`No ${status} messages.`);
};
