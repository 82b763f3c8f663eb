import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

test("a second company sees none of the first company's users and gets 404 on their URLs", async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  const firstEmail = uniqueEmail("first");
  await signUp(first, { company: "First Freight", name: "Fiona First", email: firstEmail });
  await first.goto("/company/users");
  await first.getByRole("link", { name: "Fiona First" }).click();
  await expect(first.getByRole("heading", { name: "Fiona First" })).toBeVisible();
  const firstUserUrl = first.url();

  const second = await (await browser.newContext()).newPage();
  await signUp(second, { company: "Second Cargo", name: "Sam Second", email: uniqueEmail("second") });
  await second.goto("/company/users");
  await expect(second.getByRole("link", { name: "Sam Second" })).toBeVisible();
  await expect(second.getByText(firstEmail)).toHaveCount(0);
  await expect(second.getByText("Fiona First")).toHaveCount(0);

  const response = await second.goto(firstUserUrl);
  expect(response?.status()).toBe(404);
  await expect(second.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(second.getByText(firstEmail)).toHaveCount(0);
});
