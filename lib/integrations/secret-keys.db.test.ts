// Stored signing secrets that cannot be read, and changing the encryption key
// itself: through the real front door over HTTP.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { checkSecretKeys } from "@/lib/crypto/check-secret-keys";
import { getSecretsKeyHealth } from "@/lib/crypto/get-secrets-key-health";
import { randomSecretKey, sealedKeyId, sealSecret } from "@/lib/crypto/secret-box";
import { configuredKeyring, createKeyring } from "@/lib/crypto/secret-keyring";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { resetRateLimits } from "@/lib/ingest/front-door/rate-limiter";
import { signBody } from "@/lib/ingest/front-door/verify-signature";
import { createCompany } from "@/lib/test/factories";
import { settle, startFrontDoor, type TFrontDoor } from "@/lib/test/front-door-server";
import { createConnection } from "./create-connection";
import { secretContext } from "./credentials";
import { listAuditEvents } from "./list-audit-events";
import { resealSecrets } from "./reseal-secrets";
import { rotateSecret } from "./rotate-secret";
import { signingSecrets } from "./signing-secrets";

let frontDoor: TFrontDoor;
beforeAll(async () => {
  frontDoor = await startFrontDoor();
});
afterAll(() => frontDoor.close());
const saved = { SECRETS_ENCRYPTION_KEY: env.SECRETS_ENCRYPTION_KEY, SECRETS_ENCRYPTION_OLD_KEYS: env.SECRETS_ENCRYPTION_OLD_KEYS };
beforeEach(() => resetRateLimits());
afterEach(async () => {
  Object.assign(env, saved);
  await settle();
});

const HOUR = 3_600_000;
const b64 = (key: Buffer) => key.toString("base64");
/** A ciphertext for the connection that no configured key opens (its key is lost). */
const sealedWithLostKey = (connectionId: string, plaintext = "whsec_lost") => sealSecret({ plaintext, context: secretContext(connectionId), keyring: createKeyring({ current: randomSecretKey() }) });

const setup = async () => {
  const { admin, companyId } = await createCompany();
  const created = await createConnection({ actor: admin, name: "Feed", connector: "inbound-webhook" });
  return { admin, companyId, ...created, path: `/api/v1/carriers-module/my-company/integrations/inbound/inbound-webhook/${created.token}` };
};

const post = async ({ path, secret, body = { positions: [] } }: { path: string; secret: string; body?: object }) => {
  const raw = JSON.stringify({ ...body, nonce: Math.random() });
  const response = await fetch(`${frontDoor.origin}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-betakom-signature": signBody({ body: raw, secret }) }, body: raw });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), json: (await response.json()) as { messageId?: string; error?: { code: string; message: string } } };
};

describe("an unreadable signing secret at the front door", () => {
  it("previous one sealed with an unknown key: skipped, the current secret still verifies (202), the lost one is refused (401)", async () => {
    const c = await setup();
    await db.connection.update({ where: { id: c.connectionId }, data: { previousSecretCiphertext: sealedWithLostKey(c.connectionId, "whsec_previous"), previousSecretExpiresAt: new Date(Date.now() + HOUR) } });
    const errors = vi.spyOn(console, "error");
    try {
      expect(await post({ path: c.path, secret: c.secret })).toMatchObject({ status: 202, json: { messageId: expect.any(String) } });
      expect(await post({ path: c.path, secret: c.secret })).toMatchObject({ status: 202 });
      expect(await post({ path: c.path, secret: "whsec_previous" })).toMatchObject({ status: 401, json: { error: { code: "invalid_signature" } } });
      const logged = errors.mock.calls.map((call) => call.join(" ")).filter((line) => line.includes("[secrets]"));
      // Logged once for the ciphertext, not per request, naming the connection and never a secret.
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain(c.connectionId);
      expect(logged[0]).toContain("previous signing secret cannot be read");
      expect(logged.join("")).not.toMatch(/whsec_/);
    } finally {
      errors.mockRestore();
    }
  });

  it("current one unreadable: 503 secret_unavailable with Retry-After, nothing stored, never a 500", async () => {
    const c = await setup();
    await db.connection.update({ where: { id: c.connectionId }, data: { secretCiphertext: sealedWithLostKey(c.connectionId) } });
    const response = await post({ path: c.path, secret: c.secret });
    expect(response).toMatchObject({ status: 503, json: { error: { code: "secret_unavailable", message: expect.stringContaining("retry") } } });
    expect(Number(response.retryAfter)).toBeGreaterThan(0);
    expect(await post({ path: c.path, secret: "whsec_lost" })).toMatchObject({ status: 503 });
    expect(await db.inboundMessage.count({ where: { connectionId: c.connectionId } })).toBe(0);
  });

  it("a garbled ciphertext is unreadable in the same way", async () => {
    const c = await setup();
    await db.connection.update({ where: { id: c.connectionId }, data: { secretCiphertext: "not a sealed secret" } });
    expect(await post({ path: c.path, secret: c.secret })).toMatchObject({ status: 503, json: { error: { code: "secret_unavailable" } } });
  });
});

describe("rotating a secret whose old value cannot be read", () => {
  it("works: the new secret verifies, an unreadable previous secret is replaced", async () => {
    const c = await setup();
    await db.connection.update({ where: { id: c.connectionId }, data: { previousSecretCiphertext: sealedWithLostKey(c.connectionId), previousSecretExpiresAt: new Date(Date.now() + HOUR) } });
    const rotated = await rotateSecret({ actor: c.admin, connectionId: c.connectionId, grace: "24h" });
    expect(rotated.previousValidUntil).not.toBeNull();
    expect(await post({ path: c.path, secret: rotated.secret })).toMatchObject({ status: 202 });
    expect(await post({ path: c.path, secret: c.secret })).toMatchObject({ status: 202, json: { messageId: expect.any(String) } });
  });

  it("works when the current one is unreadable: no grace for a secret nobody can check, and the audit says so", async () => {
    const c = await setup();
    await db.connection.update({ where: { id: c.connectionId }, data: { secretCiphertext: sealedWithLostKey(c.connectionId) } });
    const rotated = await rotateSecret({ actor: c.admin, connectionId: c.connectionId, grace: "7d" });
    expect(rotated.previousValidUntil).toBeNull();
    expect(await db.connection.findUniqueOrThrow({ where: { id: c.connectionId } })).toMatchObject({ previousSecretCiphertext: null, previousSecretExpiresAt: null });
    expect(await post({ path: c.path, secret: rotated.secret })).toMatchObject({ status: 202 });
    const [event] = await listAuditEvents({ companyId: c.companyId, connectionId: c.connectionId });
    expect(event).toMatchObject({ action: "secret_rotated", details: { previousValidUntil: null, previousUnreadable: "true" } });
  });

  it("moves the outgoing secret to the current key, so its grace survives dropping an old key", async () => {
    const oldKey = randomSecretKey();
    env.SECRETS_ENCRYPTION_KEY = b64(oldKey);
    const c = await setup();
    env.SECRETS_ENCRYPTION_KEY = b64(randomSecretKey());
    env.SECRETS_ENCRYPTION_OLD_KEYS = [b64(oldKey)];
    const rotated = await rotateSecret({ actor: c.admin, connectionId: c.connectionId, grace: "24h" });
    const row = await db.connection.findUniqueOrThrow({ where: { id: c.connectionId } });
    expect(sealedKeyId(row.previousSecretCiphertext!)).toBe(configuredKeyring().current.id);
    env.SECRETS_ENCRYPTION_OLD_KEYS = [];
    expect(signingSecrets({ connection: row }).map((s) => s.secret)).toEqual([rotated.secret, c.secret]);
  });
});

describe("changing SECRETS_ENCRYPTION_KEY", () => {
  beforeEach(async () => {
    // Health looks at every connection of the database: start each case from none.
    await db.connection.deleteMany({});
    await db.secretKeyProbe.deleteMany({});
  });

  it("old key listed: everything keeps working; reseal moves every secret to the new key; then the old key can go", async () => {
    const keyA = randomSecretKey();
    const keyB = randomSecretKey();
    env.SECRETS_ENCRYPTION_KEY = b64(keyA);
    const c = await setup();
    const rotated = await rotateSecret({ actor: c.admin, connectionId: c.connectionId, grace: "24h" });
    const idA = configuredKeyring().current.id;

    env.SECRETS_ENCRYPTION_KEY = b64(keyB);
    env.SECRETS_ENCRYPTION_OLD_KEYS = [b64(keyA)];
    const idB = configuredKeyring().current.id;
    expect(await post({ path: c.path, secret: rotated.secret })).toMatchObject({ status: 202 });
    expect(await post({ path: c.path, secret: c.secret })).toMatchObject({ status: 202 });
    const before = await checkSecretKeys();
    expect(before).toMatchObject({ status: "ok", currentKeyId: idB, oldKeyIds: [idA], resealNeeded: true, keys: [{ keyId: idA, role: "old", secrets: 2, unreadable: 0 }] });

    expect(await resealSecrets()).toEqual({ resealed: 2, alreadyCurrent: 0, unreadable: [] });
    expect(await resealSecrets()).toEqual({ resealed: 0, alreadyCurrent: 2, unreadable: [] });
    env.SECRETS_ENCRYPTION_OLD_KEYS = [];
    expect(await post({ path: c.path, secret: rotated.secret })).toMatchObject({ status: 202 });
    expect(await post({ path: c.path, secret: c.secret })).toMatchObject({ status: 202 });
    expect(await getSecretsKeyHealth()).toMatchObject({ status: "ok", resealNeeded: false, problems: [], keys: [{ keyId: idB, role: "current", secrets: 2, unreadable: 0 }] });
  });

  it("old key not listed: a clear error at start-up naming the key and what it breaks, and 503s rather than 500s", async () => {
    const keyA = randomSecretKey();
    env.SECRETS_ENCRYPTION_KEY = b64(keyA);
    await checkSecretKeys();
    const c = await setup();
    const idA = configuredKeyring().current.id;
    env.SECRETS_ENCRYPTION_KEY = b64(randomSecretKey());
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const health = await checkSecretKeys();
      expect(health).toMatchObject({ status: "error", keys: [{ keyId: idA, role: "unknown", secrets: 1, unreadable: 1 }] });
      expect(health!.problems).toEqual([expect.stringMatching(new RegExp(`1 stored signing secret\\(s\\) were sealed with key ${idA} \\(first configured .*\\), which is neither SECRETS_ENCRYPTION_KEY nor in SECRETS_ENCRYPTION_OLD_KEYS`))]);
      const logged = errors.mock.calls.map((call) => call.join(" ")).join("\n");
      expect(logged).toContain(`sealed with key ${idA}`);
      expect(logged).not.toContain(c.secret);
      expect(logged).not.toContain(b64(keyA));
      expect(await post({ path: c.path, secret: c.secret })).toMatchObject({ status: 503, json: { error: { code: "secret_unavailable" } } });
      expect(await resealSecrets()).toMatchObject({ resealed: 0, unreadable: [{ connectionId: c.connectionId, which: "current", reason: expect.stringContaining(idA) }] });
    } finally {
      errors.mockRestore();
    }
    // Restoring the key as an old key heals it without any other change.
    env.SECRETS_ENCRYPTION_OLD_KEYS = [b64(keyA)];
    expect(await post({ path: c.path, secret: c.secret })).toMatchObject({ status: 202 });
    expect((await getSecretsKeyHealth()).status).toBe("ok");
  });

  it("records one probe per configured key at start-up and reports a probe its key does not open", async () => {
    const keyA = randomSecretKey();
    const keyB = randomSecretKey();
    env.SECRETS_ENCRYPTION_KEY = b64(keyB);
    env.SECRETS_ENCRYPTION_OLD_KEYS = [b64(keyA)];
    await checkSecretKeys();
    await checkSecretKeys();
    const { current, old } = configuredKeyring();
    const probes = await db.secretKeyProbe.findMany({ orderBy: { keyId: "asc" } });
    expect(probes.map((p) => p.keyId)).toEqual([current.id, old[0]!.id].sort());
    expect(probes.every((p) => sealedKeyId(p.probe) === p.keyId)).toBe(true);
    // A probe rewritten with another key (or another key behind the same id) is reported.
    await db.secretKeyProbe.update({ where: { keyId: current.id }, data: { probe: sealSecret({ plaintext: "x", context: `secret-key-probe:${current.id}`, keyring: createKeyring({ current: randomSecretKey() }) }).replace(/^v2\.[^.]+\./, `v2.${current.id}.`) } });
    expect((await getSecretsKeyHealth()).problems).toEqual([`The stored probe of key ${current.id} does not open with the configured key of that id.`]);
  });

  it("reads and reseals secrets stored in the v1 format", async () => {
    const c = await setup();
    // As the v1 code stored it: no key id, sealed with the configured key.
    const { createCipheriv } = await import("node:crypto");
    const iv = Buffer.alloc(12, 3);
    const cipher = createCipheriv("aes-256-gcm", configuredKeyring().current.key, iv);
    cipher.setAAD(Buffer.from(secretContext(c.connectionId)));
    const ct = Buffer.concat([cipher.update(c.secret, "utf8"), cipher.final()]);
    const v1 = ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
    await db.connection.update({ where: { id: c.connectionId }, data: { secretCiphertext: v1 } });
    expect(await post({ path: c.path, secret: c.secret })).toMatchObject({ status: 202 });
    expect(await getSecretsKeyHealth()).toMatchObject({ status: "ok", resealNeeded: true, keys: [{ keyId: "v1", role: "legacy", secrets: 1, unreadable: 0 }] });
    expect(await resealSecrets()).toMatchObject({ resealed: 1 });
    expect(sealedKeyId((await db.connection.findUniqueOrThrow({ where: { id: c.connectionId } })).secretCiphertext)).toBe(configuredKeyring().current.id);
    expect(await post({ path: c.path, secret: c.secret })).toMatchObject({ status: 202 });
  });
});
