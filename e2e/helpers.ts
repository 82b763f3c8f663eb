import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "e2e password 123";

export const uniqueEmail = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@example.com`;

/** Signs up a new company through the form and waits for the portal. */
export const signUp = async (page: Page, { company, name, email }: { company: string; name: string; email: string }) => {
  await page.goto("/signup");
  await page.getByLabel("Company name").fill(company);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/fleet$/);
  await expect(page.getByTestId("company-name")).toHaveText(company);
};

/** Signs in through the form. */
export const signIn = async (page: Page, email: string, password = PASSWORD) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
};

/** Opens the user menu and signs out. */
export const signOut = async (page: Page, name: string) => {
  await page.getByLabel(`User menu for ${name}`).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
};
