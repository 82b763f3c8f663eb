// What a route answers, before the fault injectors get a say in how it is sent.
export type TReply = { status: number; headers: Record<string, string>; body: string };

/** A JSON reply; errors use Samsara's `{message, requestId}` body (§4.1), the only documented shape of the table. */
export const jsonReply = (status: number, body: unknown, headers: Record<string, string> = {}): TReply => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...headers },
  body: JSON.stringify(body),
});
