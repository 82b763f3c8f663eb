import { expect, test } from "@playwright/test";
import { PASSWORD, signIn, signOut, signUp, uniqueEmail } from "./helpers";

test("an admin adds a member with an invite link, and the member signs in", async ({ page, browser }) => {
  await signUp(page, { company: "Invite Logistics", name: "Anna Admin", email: uniqueEmail("anna") });
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Invite a user" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const memberEmail = uniqueEmail("max");
  await page.getByLabel("Email").fill(memberEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("member");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByLabel("Invite link", { exact: true }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("region", { name: "Pending invites" })).toContainText(memberEmail);

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto(link);
  await expect(member.getByRole("heading", { name: "Join Invite Logistics" })).toBeVisible();
  await expect(member.getByLabel("Email")).toHaveValue(memberEmail);
  await member.getByLabel("Name").fill("Max Member");
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Accept invite" }).click();
  await expect(member).toHaveURL(/\/fleet$/);
  await expect(member.getByTestId("company-name")).toHaveText("Invite Logistics");

  // The link worked once.
  await member.goto(link);
  await expect(member.getByRole("heading", { name: "This invite link is no longer valid" })).toBeVisible();

  // Members see the company's users but find no controls.
  await member.goto("/company/users");
  await expect(member.getByRole("link", { name: "Anna Admin" })).toBeVisible();
  await expect(member.getByRole("heading", { name: "Invite a user" })).toHaveCount(0);
  await member.getByRole("link", { name: "Anna Admin" }).click();
  await expect(member.getByRole("heading", { name: "Anna Admin" })).toBeVisible();
  await expect(member.getByRole("button", { name: "Save role" })).toHaveCount(0);
  await expect(member.getByRole("button", { name: "Remove user" })).toHaveCount(0);

  await member.goto("/fleet");
  await signOut(member, "Max Member");
  await signIn(member, memberEmail);
  await expect(member).toHaveURL(/\/fleet$/);
  await memberContext.close();

  // The admin sees the new member and can promote them.
  await page.reload();
  await page.getByRole("link", { name: "Max Member" }).click();
  await expect(page.getByRole("heading", { name: "Max Member" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Role", { exact: true }).selectOption("admin");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByRole("region", { name: "Change role" }).getByRole("status")).toHaveText("Role saved.");
});

test("the last admin cannot demote themselves", async ({ page }) => {
  await signUp(page, { company: "Solo Trans", name: "Sole Admin", email: uniqueEmail("solo") });
  await page.goto("/company/users");
  await page.getByRole("link", { name: "Sole Admin" }).click();
  await expect(page.getByRole("heading", { name: "Sole Admin" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Role", { exact: true }).selectOption("member");
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue("member");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByRole("region", { name: "Change role" }).getByRole("alert")).toHaveText("The company needs at least one admin. Make someone else an admin first.");
});
