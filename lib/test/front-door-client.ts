// Sends signed requests to the real front door (see front-door-server.ts) as an integrator would.
import { createConnection } from "@/lib/integrations/create-connection";
import { signBody } from "@/lib/ingest/front-door/verify-signature";
import { createCompany } from "./factories";

// Response bodies: { messageId, status } or { error: { code, message } }.
export type TFrontDoorJson = { messageId: string; status: string; error: { code: string; message: string } };
export type TFrontDoorConnection = Awaited<ReturnType<typeof createFrontDoorConnection>>;

/** A new company with an inbound-webhook connection, and its front-door path. */
export const createFrontDoorConnection = async (name = "Feed") => {
  const { admin, companyId } = await createCompany();
  const created = await createConnection({ actor: admin, name, connector: "inbound-webhook" });
  return { admin, companyId, ...created, path: `/api/v1/carriers-module/my-company/integrations/inbound/inbound-webhook/${created.token}` };
};

/** POSTs a body (an object is sent as JSON), signed with the connection's secret unless `sign` is false. */
export const postToFrontDoor = async (
  origin: string,
  c: Pick<TFrontDoorConnection, "path" | "secret">,
  body: string | object,
  { headers = {}, sign = true, path = c.path }: { headers?: Record<string, string>; sign?: boolean; path?: string } = {},
) => {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const signature: Record<string, string> = sign ? { "x-betakom-signature": signBody({ body: raw, secret: c.secret }) } : {};
  const response = await fetch(`${origin}${path}`, { method: "POST", headers: { "content-type": "application/json", ...signature, ...headers }, body: raw });
  return { status: response.status, headers: response.headers, json: (await response.json()) as TFrontDoorJson };
};
