import { expect, test } from "@playwright/test";
import { PASSWORD, signIn, signOut, signUp, uniqueEmail } from "./helpers";

test("a carrier signs up, signs out and signs in again", async ({ page }) => {
  const email = uniqueEmail("owner");
  await signUp(page, { company: "Spedition Weiss", name: "Wanda Weiss", email });
  await expect(page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Overview" })).toBeVisible();

  await signOut(page, "Wanda Weiss");
  await page.goto("/fleet");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ffleet/);

  await signIn(page, email.toUpperCase(), PASSWORD);
  await expect(page).toHaveURL(/\/fleet$/);
  await expect(page.getByTestId("company-name")).toHaveText("Spedition Weiss");
});

test("forms explain mistakes next to the field", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your company's name.")).toBeVisible();
  await expect(page.getByText("Enter a valid email address, like name@company.com.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  const email = uniqueEmail("taken");
  await signUp(page, { company: "Taken GmbH", name: "Tom", email });
  await signOut(page, "Tom");
  await page.goto("/signup");
  await page.getByLabel("Company name").fill("Copycat");
  await page.getByLabel("Name", { exact: true }).fill("Cat");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();

  await signIn(page, email, "wrong password!");
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("health is public and reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: { status: "up" } });
});
