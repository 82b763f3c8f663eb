import { describe, expect, it } from "vitest";
import { buildSecurityHeaders } from "./security-headers";

const headerMap = (options: Parameters<typeof buildSecurityHeaders>[0]) => new Map(buildSecurityHeaders(options).map((h) => [h.key.toLowerCase(), h.value]));
const directives = (csp: string) => new Map(csp.split("; ").map((d) => { const [name, ...sources] = d.split(" "); return [name!, sources]; }));

describe("buildSecurityHeaders", () => {
  const production = headerMap({ nodeEnv: "production", publicUrls: ["http://localhost:3000", undefined] });
  const csp = directives(production.get("content-security-policy")!);

  it("forbids framing, sniffing and leaking paths to other sites", () => {
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(production.get("x-frame-options")).toBe("DENY");
    expect(production.get("x-content-type-options")).toBe("nosniff");
    expect(production.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("lets the map work: blob: workers and images, data: images, inline styles", () => {
    expect(csp.get("worker-src")).toEqual(expect.arrayContaining(["'self'", "blob:"]));
    expect(csp.get("img-src")).toEqual(expect.arrayContaining(["'self'", "data:", "blob:"]));
    expect(csp.get("style-src")).toEqual(expect.arrayContaining(["'unsafe-inline'"]));
  });

  it("allows scripts from this origin and Next's inline scripts, but never eval in production, plugins or other origins", () => {
    expect(csp.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
  });

  it("allows eval and HMR websockets only under next dev", () => {
    const dev = directives(headerMap({ nodeEnv: "development", publicUrls: [] }).get("content-security-policy")!);
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("connect-src")).toEqual(expect.arrayContaining(["ws:", "wss:"]));
  });

  it("sends HSTS only when the portal is served over https", () => {
    expect(production.has("strict-transport-security")).toBe(false);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    const secure = headerMap({ nodeEnv: "production", publicUrls: ["https://portal.example.com", undefined] });
    expect(secure.get("strict-transport-security")).toBe("max-age=31536000");
    expect(directives(secure.get("content-security-policy")!).has("upgrade-insecure-requests")).toBe(true);
    expect(headerMap({ nodeEnv: "production", publicUrls: ["http://localhost:3000", "https://api.example.com"] }).has("strict-transport-security")).toBe(true);
  });

  it("allows the configured map style's origin for fetches and images, and nothing else", () => {
    const withStyle = directives(headerMap({ nodeEnv: "production", publicUrls: [], mapStyleUrl: "https://tiles.openfreemap.org/styles/liberty" }).get("content-security-policy")!);
    expect(withStyle.get("connect-src")).toEqual(["'self'", "https://tiles.openfreemap.org"]);
    expect(withStyle.get("img-src")).toContain("https://tiles.openfreemap.org");
    expect(withStyle.get("script-src")).not.toContain("https://tiles.openfreemap.org");
    const bogus = directives(headerMap({ nodeEnv: "production", publicUrls: [], mapStyleUrl: "javascript:alert(1)" }).get("content-security-policy")!);
    expect(bogus.get("connect-src")).toEqual(["'self'"]);
  });
});
