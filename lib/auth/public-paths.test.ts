import { describe, expect, it } from "vitest";
import { isPublicPath, safeCallbackPath } from "./public-paths";

describe("isPublicPath", () => {
  it("lets the landing page, sign-in, sign-up and invite links through", () => {
    for (const path of ["/", "/login", "/signup", "/invite/abc"]) expect(isPublicPath(path)).toBe(true);
  });
  it("protects the portal", () => {
    for (const path of ["/fleet", "/company/users", "/company/users/x", "/loginx", "/invite"]) expect(isPublicPath(path)).toBe(false);
  });
});

describe("safeCallbackPath", () => {
  it("keeps local paths", () => expect(safeCallbackPath("/company/users?x=1")).toBe("/company/users?x=1"));
  it("refuses other sites", () => {
    for (const value of ["https://evil.example", "//evil.example", "/\\evil.example", "fleet", undefined, 42]) expect(safeCallbackPath(value)).toBe("/fleet");
  });
});
