import { signBody } from "./envelopes";

export type TSendResult = { status: number; body: unknown; retryAfter: string | null } | { status: "no_answer"; error: string };

/** POSTs a body to the inbound URL, signed as an integrator does; a dropped connection is `no_answer`, not a throw. */
export const sendEnvelope = async ({ url, secret, body }: { url: string; secret: string; body: string }): Promise<TSendResult> => {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-betakom-signature": signBody({ body, secret }) },
      body,
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: kept as text for the assertion message.
    }
    return { status: response.status, body: parsed, retryAfter: response.headers.get("retry-after") };
  } catch (error) {
    return { status: "no_answer", error: error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error) };
  }
};
