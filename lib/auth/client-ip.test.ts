import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("takes the first forwarded address", () => expect(clientIp({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" })).toBe("203.0.113.7"));
  it("reads Headers objects and x-real-ip", () => expect(clientIp(new Headers({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2"));
  it("is null when no address is known", () => expect(clientIp({})).toBeNull());
});
