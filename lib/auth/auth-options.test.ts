import { describe, expect, it } from "vitest";
import { authOptions } from "./auth-options";

const baseUrl = "https://portal.example.com";
const redirect = (url: string) => authOptions.callbacks!.redirect!({ url, baseUrl });

describe("next-auth redirect callback", () => {
  it("keeps destinations on the portal", async () => {
    expect(await redirect("/company/users")).toBe(`${baseUrl}/company/users`);
    expect(await redirect(`${baseUrl}/fleet/map?unit=1`)).toBe(`${baseUrl}/fleet/map?unit=1`);
    expect(await redirect("/login")).toBe(`${baseUrl}/login`);
  });

  it("sends every other destination to the portal's start page", async () => {
    for (const url of ["/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example", "/.//evil.example", "https://evil.example/fleet", "javascript:alert(1)", "http://portal.example.com/fleet"]) {
      const target = await redirect(url);
      expect(target).toBe(`${baseUrl}/fleet`);
      expect(new URL(target).origin).toBe(baseUrl);
    }
  });
});
