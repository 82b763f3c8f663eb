// The request log must never hold a password or a live session id (house rule: nothing secret in logs).
const SECRET_KEYS = new Set(["password", "sessionid"]);

/** A deep copy of `value` with every password and sessionId replaced. */
export const redactSecrets = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, SECRET_KEYS.has(key.toLowerCase()) ? "[redacted]" : redactSecrets(inner)]));
};
