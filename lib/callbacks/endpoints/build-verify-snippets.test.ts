import { createHmac, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { buildVerifySnippets } from "./build-verify-snippets";

const secret = `whsec_${randomBytes(32).toString("base64")}`;
const body = JSON.stringify({ id: "TOUR-42", event_id: "evt_1", event_name: "plans.plan.created", occurred_at: "2026-07-01T10:00:00.000Z", sequence: 1, data: {} });
const key = Buffer.from(secret.slice(6), "base64");

describe("buildVerifySnippets", () => {
  it("puts the secret in every example and verifies the raw body", () => {
    const snippets = buildVerifySnippets({ secret });
    for (const code of Object.values(snippets)) expect(code).toContain(secret);
    expect(snippets.node).toContain('from "standardwebhooks"');
    expect(snippets.node).toContain("webhook.verify(body, req.headers)");
  });

  it("has a plain HMAC check that accepts the x-betakom-signature the portal sends and refuses another", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "verify-"));
    const file = path.join(dir, "verify.mjs");
    writeFileSync(file, buildVerifySnippets({ secret }).hmac);
    const { verifyBetakomSignature } = (await import(file)) as { verifyBetakomSignature: (body: string, header: string) => boolean };
    const signature = createHmac("sha256", key).update(body).digest("hex");
    expect(verifyBetakomSignature(body, signature)).toBe(true);
    expect(verifyBetakomSignature(`${body} `, signature)).toBe(false);
    expect(verifyBetakomSignature(body, "00")).toBe(false);
  });

  it("has a Python check that accepts a standardwebhooks signature (also beside an old one) and refuses a wrong one", () => {
    let python = "";
    try {
      python = execFileSync("python3", ["--version"], { encoding: "utf8" });
    } catch {
      // No Python on this machine: the Node examples are still checked above.
    }
    if (!python) return;
    const code = buildVerifySnippets({ secret }).python.split("class Receiver")[0];
    const now = new Date();
    const signature = new Webhook(secret).sign("evt_1", now, body);
    const old = new Webhook(`whsec_${randomBytes(32).toString("base64")}`).sign("evt_1", now, body);
    const check = (signatures: string) =>
      execFileSync("python3", ["-c", `${code}\nimport sys\nprint(verify(sys.argv[1].encode(), {"webhook-id": "evt_1", "webhook-timestamp": sys.argv[2], "webhook-signature": sys.argv[3]}))`, body, String(Math.floor(now.getTime() / 1000)), signatures], { encoding: "utf8" }).trim();
    expect(check(`${old} ${signature}`)).toBe("True");
    expect(check(old)).toBe("False");
  });
});
