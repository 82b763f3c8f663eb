import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, signUp, uniqueEmail } from "./helpers";

const createConnection = async (page: Page, name: string) => {
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByRole("heading", { name: "No connections yet" })).toBeVisible();
  await page.getByRole("link", { name: "New connection" }).first().click();
  await expect(page.getByRole("heading", { name: "New connection" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Connector").selectOption("inbound-webhook");
  await page.getByRole("button", { name: "Create connection" }).click();
};

test("an admin creates a connection, rotates its secret with a grace, and a member sees it read-only", async ({ page, browser, baseURL }) => {
  await signUp(page, { company: "Hub Transport", name: "Hanna Hub", email: uniqueEmail("hanna") });
  await createConnection(page, "Dispatch system");

  const url = await page.getByLabel("Inbound URL", { exact: true }).inputValue();
  const secret = await page.getByLabel("Signing secret", { exact: true }).inputValue();
  // The public origin comes from configuration (NEXTAUTH_URL here), never from request headers.
  expect(url.startsWith(`${baseURL}/api/v1/carriers-module/my-company/integrations/inbound/inbound-webhook/`)).toBe(true);
  expect(url).toMatch(/\/inbound-webhook\/[A-Za-z0-9_-]{43}$/);
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText("shown only this once")).toBeVisible();
  await expect(page.getByTestId("snippet-curl")).toContainText(secret);
  await page.getByRole("tab", { name: "Node.js" }).click();
  await expect(page.getByTestId("snippet-node")).toContainText(url);
  await page.getByRole("tab", { name: "Python" }).click();
  await expect(page.getByTestId("snippet-python")).toContainText("hmac.new");

  await page.getByRole("link", { name: "Go to the connection" }).click();
  await expect(page.getByRole("heading", { name: "Dispatch system" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // The full token is never shown again: only its last four characters.
  await expect(page.getByText(url)).toHaveCount(0);
  await expect(page.getByText(`…${url.slice(-4)}`, { exact: false })).toBeVisible();

  await page.getByRole("button", { name: "Rotate secret" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate secret" });
  await expect(dialog.getByLabel("24 hours")).toBeChecked();
  await dialog.getByLabel("1 hour").check();
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  await expect(dialog).toBeHidden();
  const newSecret = await page.getByLabel("Signing secret", { exact: true }).inputValue();
  expect(newSecret).toMatch(/^whsec_/);
  expect(newSecret).not.toBe(secret);

  await page.reload();
  await page.waitForLoadState("networkidle");
  const credentials = page.getByRole("region", { name: "Credentials" });
  await expect(credentials.getByText(/The previous secret keeps working until \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/)).toBeVisible();
  await expect(credentials.getByRole("button", { name: "End grace now for the previous secret" })).toBeVisible();
  const audit = page.getByRole("list", { name: "Audit entries" });
  await expect(audit.getByRole("listitem")).toHaveCount(2);
  await expect(audit.getByRole("listitem").first()).toContainText("Rotated the signing secret (previous one valid until");
  await expect(audit.getByRole("listitem").first()).toContainText("Hanna Hub");
  await expect(audit.getByRole("listitem").last()).toContainText("Created the connection");
  const connectionUrl = page.url();

  // A member sees the connection without any controls.
  await page.goto("/company/users");
  const memberEmail = uniqueEmail("mia");
  await page.getByLabel("Email").fill(memberEmail);
  await page.getByRole("button", { name: "Create invite link" }).click();
  const invite = await page.getByLabel("Invite link", { exact: true }).inputValue();
  const member = await (await browser.newContext()).newPage();
  await member.goto(invite);
  await member.getByLabel("Name").fill("Mia Member");
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Accept invite" }).click();
  await expect(member).toHaveURL(/\/fleet$/);
  await member.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Integrations" }).click();
  await expect(member.getByRole("link", { name: "Dispatch system" })).toBeVisible();
  await expect(member.getByRole("link", { name: "New connection" })).toHaveCount(0);
  await member.goto(connectionUrl);
  await expect(member.getByRole("heading", { name: "Dispatch system" })).toBeVisible();
  await expect(member.getByText(/The previous secret keeps working until/)).toBeVisible();
  for (const name of ["Rotate token", "Rotate secret", "End grace now for the previous secret", "Pause", "Save name", "Delete connection"]) {
    await expect(member.getByRole("button", { name })).toHaveCount(0);
  }
  expect((await member.goto("/fleet/integrations/new"))?.status()).toBe(404);
});

test("an admin pauses, resumes, ends a grace, sends a test and deletes a connection, which stays readable under Deleted; other companies get 404", async ({ page, browser }) => {
  await signUp(page, { company: "Pause & Co", name: "Paula Pause", email: uniqueEmail("paula") });
  await createConnection(page, "Geo feed");
  await page.getByRole("link", { name: "Go to the connection" }).click();
  await expect(page.getByRole("heading", { name: "Geo feed" })).toBeVisible();
  const connectionUrl = page.url();
  expect(connectionUrl).toMatch(/\/fleet\/integrations\/[0-9a-f-]{36}$/);
  await page.waitForLoadState("networkidle");

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByText("Paused", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Rotate token" }).click();
  await page.getByRole("dialog", { name: "Rotate token" }).getByRole("button", { name: "Rotate token" }).click();
  await expect(page.getByLabel("Inbound URL", { exact: true })).toHaveValue(/inbound-webhook\/[A-Za-z0-9_-]{43}$/);
  await page.reload();
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "End grace now for the previous token" }).click();
  await expect(page.getByText("No previous token is valid.")).toBeVisible();

  // Send test reaches this server's own front door (next start -p sets PORT) and is audited.
  await page.getByRole("button", { name: "Send test" }).click();
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result.getByRole("status")).toHaveText("Pass", { timeout: 30_000 });
  await page.reload();
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("list", { name: "Audit entries" }).getByRole("listitem").first()).toContainText(/Sent a test message \(passed, message [0-9a-f-]{36}; test token valid until .+\) · Paula Pause/);

  const other = await (await browser.newContext()).newPage();
  await signUp(other, { company: "Other Freight", name: "Otto Other", email: uniqueEmail("otto") });
  expect((await other.goto(connectionUrl))?.status()).toBe(404);
  await other.goto("/fleet/integrations");
  await expect(other.getByText("Geo feed")).toHaveCount(0);

  await page.getByLabel("Type the connection's name").fill("geo feed");
  await page.getByRole("button", { name: "Delete connection" }).click();
  await expect(page.getByText("Type the connection's name exactly to confirm.")).toBeVisible();
  await page.getByLabel("Type the connection's name").fill("Geo feed");
  await page.getByRole("button", { name: "Delete connection" }).click();
  await expect(page).toHaveURL(/\/fleet\/integrations$/);
  await expect(page.getByRole("heading", { name: "No connections yet" })).toBeVisible();

  // Deleted, it is listed under Deleted and opens read-only with its audit trail and messages.
  const filter = page.getByRole("navigation", { name: "Filter connections" });
  await expect(filter.getByRole("link", { name: "Current" })).toHaveAttribute("aria-current", "page");
  await filter.getByRole("link", { name: "Deleted" }).click();
  await expect(filter.getByRole("link", { name: "Deleted" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "Geo feed" }).click();
  await expect(page).toHaveURL(connectionUrl);
  await expect(page.getByRole("heading", { name: "Geo feed" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText(/Deleted .* by Paula Pause\. This connection is read-only/);
  const trail = page.getByRole("list", { name: "Audit entries" }).getByRole("listitem");
  await expect(trail.first()).toContainText("Deleted the connection");
  await expect(trail.first()).toContainText("Paula Pause");
  await expect(trail.last()).toContainText("Created the connection");
  await expect(page.getByRole("list", { name: "Messages" }).getByRole("listitem").first()).toContainText("test");
  await expect(page.getByRole("region", { name: "Credentials" })).toHaveCount(0);
  for (const name of ["Rotate token", "Rotate secret", "Pause", "Resume", "Send test", "Save name", "Delete connection", "Retry"]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }

  // Another company's deleted connection stays not found, listed or opened.
  expect((await other.goto(connectionUrl))?.status()).toBe(404);
  await other.goto("/fleet/integrations?show=deleted");
  await expect(other.getByRole("heading", { name: "No deleted connections" })).toBeVisible();
  await expect(other.getByText("Geo feed")).toHaveCount(0);
});
