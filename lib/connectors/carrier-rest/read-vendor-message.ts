// Vendors explain errors in their own body shapes: Samsara `{message}`, OAuth 2
// `{error, error_description}` (RFC 6749 §5.2), JSON:API / GraphQL
// `{errors:[{message|detail|title}]}`, or plain text. The carrier reads it.

const MAX_LENGTH = 300;

const clip = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_LENGTH ? `${flat.slice(0, MAX_LENGTH)}…` : flat;
};

const pick = (value: unknown): string | null => {
  if (typeof value !== "object" || value === null) return null;
  const record = value as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === "string" && record[key] !== "" ? (record[key] as string) : null);
  if (text("error") && text("error_description")) return `${text("error")}: ${text("error_description")}`;
  const direct = text("message") ?? text("error_description") ?? text("detail") ?? text("title") ?? text("error");
  if (direct) return direct;
  if (typeof record.error === "object") return pick(record.error);
  if (Array.isArray(record.errors) && record.errors.length > 0) return typeof record.errors[0] === "string" ? record.errors[0] : pick(record.errors[0]);
  return null;
};

/** The vendor's own error message from a response body, shortened; null when it says nothing readable (e.g. an HTML page). */
export const readVendorMessage = ({ body, contentType }: { body: string; contentType: string | undefined }): string | null => {
  if (body.trim() === "") return null;
  try {
    const found = pick(JSON.parse(body));
    return found ? clip(found) : null;
  } catch {
    if (/html/i.test(contentType ?? "") || /^\s*</.test(body)) return null;
    return clip(body);
  }
};
