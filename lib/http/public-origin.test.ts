import { afterEach, describe, expect, it, vi } from "vitest";
import { env, parseEnv } from "@/lib/env";
import { getPublicOrigin } from "./public-origin";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const saved = { PUBLIC_BASE_URL: env.PUBLIC_BASE_URL, NEXTAUTH_URL: env.NEXTAUTH_URL };
afterEach(() => Object.assign(env, saved));

describe("the public origin shown in inbound URLs", () => {
  it("is PUBLIC_BASE_URL, then NEXTAUTH_URL's origin, whatever the request says", async () => {
    request.headers = new Headers({ host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    env.PUBLIC_BASE_URL = "https://api.example.com/";
    env.NEXTAUTH_URL = "https://portal.example.com/api/auth";
    expect(await getPublicOrigin()).toBe("https://api.example.com");
    env.PUBLIC_BASE_URL = undefined;
    expect(await getPublicOrigin()).toBe("https://portal.example.com");
  });

  it("falls back to the Host the browser used, never to X-Forwarded-Host", async () => {
    env.PUBLIC_BASE_URL = undefined;
    env.NEXTAUTH_URL = undefined;
    request.headers = new Headers({ host: "localhost:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(await getPublicOrigin()).toBe("http://localhost:3000");
    request.headers = new Headers({ host: "[::1]:3100" });
    expect(await getPublicOrigin()).toBe("http://[::1]:3100");
  });

  it("shows no Host that is not a plain host name (it ends up in copy-paste shell snippets)", async () => {
    env.PUBLIC_BASE_URL = undefined;
    env.NEXTAUTH_URL = undefined;
    for (const host of ["evil.example/$(id)", "a b", "x@evil.example", ""]) {
      request.headers = new Headers(host ? { host } : {});
      expect(await getPublicOrigin()).toBe(`http://localhost:${env.PORT}`);
    }
  });
});

describe("PORT (where the server reaches itself, and the display fallback)", () => {
  it("defaults to 3000 and must be a port number", () => {
    expect(parseEnv({}).PORT).toBe(3000);
    expect(parseEnv({ PORT: "3100" }).PORT).toBe(3100);
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
  });
});
