// Standard Webhooks signatures (webhook-signature) plus the inbound API's scheme (x-betakom-signature),
// over the exact body string that is sent.
import { createHmac } from "node:crypto";

/**
 * A key a callback is signed with. `whsec`: an endpoint's secret, `whsec_` + base64 (the key is the
 * decoded bytes, as Standard Webhooks defines). `raw`: a connection's inbound signing secret, for
 * per-message callback_url deliveries (the key is its UTF-8 bytes, as the inbound x-betakom-signature uses it).
 */
export type TCallbackSecret = { kind: "whsec" | "raw"; value: string };
export type TCallbackSignatures = { "webhook-signature": string; "x-betakom-signature": string };

const WHSEC_PREFIX = "whsec_";

const keyOf = (secret: TCallbackSecret): Buffer => {
  if (secret.kind === "raw") {
    if (secret.value === "") throw new Error("A raw callback secret cannot be empty.");
    return Buffer.from(secret.value, "utf8");
  }
  const encoded = secret.value.startsWith(WHSEC_PREFIX) ? secret.value.slice(WHSEC_PREFIX.length) : secret.value;
  // Buffer.from(…, "base64") skips characters it does not know; a damaged secret must not sign with a different key.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new Error("A whsec_ callback secret must be whsec_ followed by standard base64.");
  const key = Buffer.from(encoded, "base64");
  // Standard Webhooks: 24 to 64 bytes of key.
  if (key.length < 24 || key.length > 64) throw new Error(`A whsec_ callback secret must decode to 24–64 bytes, not ${key.length}.`);
  return key;
};

/**
 * Signs one attempt: `webhook-signature` holds `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per
 * secret, space-separated, current first; `x-betakom-signature` is the hex HMAC-SHA256 of the body
 * with the first (current) secret.
 */
export const signCallback = ({ webhookId, timestamp, body, secrets }: { webhookId: string; timestamp: number; body: string; secrets: readonly TCallbackSecret[] }): TCallbackSignatures => {
  // The signed content is "id.timestamp.body": a "." in the id would make it ambiguous.
  if (!/^[A-Za-z0-9_-]+$/.test(webhookId)) throw new Error("A webhook id may contain only letters, digits, _ and -.");
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new Error("The webhook timestamp must be whole Unix seconds.");
  const [current] = secrets;
  if (!current) throw new Error("A callback needs at least one secret to be signed with.");
  const keys = secrets.map(keyOf);
  const signed = `${webhookId}.${timestamp}.${body}`;
  return {
    "webhook-signature": keys.map((key) => `v1,${createHmac("sha256", key).update(signed).digest("base64")}`).join(" "),
    "x-betakom-signature": createHmac("sha256", keys[0]!).update(body).digest("hex"),
  };
};
