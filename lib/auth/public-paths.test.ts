import { describe, expect, it } from "vitest";
import { isPublicPath, safeCallbackPath } from "./public-paths";

const origin = "https://portal.example.com";

describe("isPublicPath", () => {
  it("lets the landing page, sign-in, sign-up and invite links through", () => {
    for (const path of ["/", "/login", "/signup", "/invite/abc"]) expect(isPublicPath(path)).toBe(true);
  });
  it("protects the portal", () => {
    for (const path of ["/fleet", "/company/users", "/company/users/x", "/loginx", "/invite"]) expect(isPublicPath(path)).toBe(false);
  });
});

describe("safeCallbackPath", () => {
  it.each([
    ["/company/users?x=1", "/company/users?x=1"],
    ["/fleet/map#unit-1", "/fleet/map#unit-1"],
    ["/", "/"],
    [`${origin}/fleet/integrations`, "/fleet/integrations"],
    [`${origin}`, "/"],
    // Encoded characters stay encoded: the path is only ever a path on this origin.
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/a/../fleet", "/fleet"],
    // Same scheme without slashes is relative (as in a browser): a path here.
    ["https:evil.example", "/evil.example"],
  ])("keeps %j on the portal as %j", (value, expected) => {
    expect(safeCallbackPath({ value, origin })).toBe(expected);
  });

  it.each([
    // Tabs, newlines and other control characters, which the URL parser strips.
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "/fleet\n",
    // Protocol-relative and backslash forms.
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    // Absolute URLs elsewhere, look-alikes and other schemes.
    "https://evil.example",
    "https://evil.example/fleet",
    "http://portal.example.com/fleet",
    "https://portal.example.com:8443/fleet",
    "https://portal.example.com.evil.example/fleet",
    "https://portal.example.com@evil.example/",
    "http:evil.example",
    "http:\\evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    // Relative paths and non-strings.
    "fleet",
    "evil.example",
    "",
    undefined,
    null,
    42,
    ["/fleet"],
    `/${"a".repeat(2_100)}`,
  ])("refuses %j", (value) => {
    expect(safeCallbackPath({ value, origin })).toBe("/fleet");
  });

  it("answers the given fallback, and accepts absolute URLs only for its own origin", () => {
    expect(safeCallbackPath({ value: "//evil.example", origin, fallback: "/login" })).toBe("/login");
    expect(safeCallbackPath({ value: "http://localhost:3100/fleet", origin: "http://localhost:3100" })).toBe("/fleet");
    expect(safeCallbackPath({ value: "http://localhost:3100/company/users", origin: "http://localhost:3000" })).toBe("/fleet");
  });

  it("never returns a path that resolves to another origin", () => {
    const hostile = ["/\t/evil.example", "/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/%2e%2e//evil.example", "/a/..//evil.example"];
    for (const value of hostile) {
      const path = safeCallbackPath({ value, origin });
      expect(new URL(path, origin).origin).toBe(origin);
      expect(new URL(path, "https://other.example").host).toBe("other.example");
    }
  });
});
