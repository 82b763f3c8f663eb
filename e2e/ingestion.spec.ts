import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

const run = promisify(execFile);

test("Send test passes, and the Node snippet's message is processed and listed", async ({ page }) => {
  await signUp(page, { company: "Ingest Trans", name: "Ines Ingest", email: uniqueEmail("ines") });
  await page.goto("/fleet/integrations/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Name").fill("Telematics");
  await page.getByRole("button", { name: "Create connection" }).click();
  await page.getByRole("tab", { name: "Node.js" }).click();
  const snippet = await page.getByTestId("snippet-node").innerText();

  const dir = await mkdtemp(path.join(tmpdir(), "e2e-snippet-"));
  await writeFile(path.join(dir, "send.mjs"), snippet);
  // The runner sets FORCE_COLOR, which would colour the printed status code.
  const { stdout } = await run(process.execPath, [path.join(dir, "send.mjs")], { env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
  const [status, ...rest] = stdout.trim().split(" ");
  expect(status, stdout).toBe("202");
  expect(JSON.parse(rest.join(" "))).toEqual({ messageId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: "accepted" });

  await page.getByRole("link", { name: "Go to the connection" }).click();
  await expect(page.getByRole("heading", { name: "Telematics" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(async () => {
    await page.reload();
    await expect(messages.getByRole("listitem").first()).toContainText("processed", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(messages.getByRole("listitem").first()).toContainText("positions: 1/1 accepted; plans: 1/1 accepted; availability: 1/1 accepted");
  await expect(messages.getByRole("listitem").first()).toContainText("verified by current secret");

  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Send test" }).click();
  const result = page.getByRole("region", { name: "Test result" });
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result.getByRole("status")).toHaveText("Pass");
  for (const stage of ["HTTP status", "Signature", "Landed", "Processed", "Accepted entries", "Dropped entries"]) {
    await expect(result.getByRole("rowheader", { name: stage })).toBeVisible();
  }
  await expect(result).toContainText("202 Accepted");
  await expect(result).toContainText("Processed as a dry run");

  // The test message is listed as a test; the fleet got nothing from it.
  await page.reload();
  await expect(messages.getByRole("listitem").first()).toContainText("test");
  await page.getByRole("link", { name: "failed" }).click();
  await expect(page.getByText("No failed messages.")).toBeVisible();
});
