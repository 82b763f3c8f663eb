"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/lib/auth/require-user";
import { actionError, validationError, type TActionResult } from "@/lib/errors/action-result";
import { getPublicOrigin } from "@/lib/http/public-origin";
import { ZConnectorSlug } from "@/lib/integrations/connectors";
import { createConnection } from "@/lib/integrations/create-connection";
import { deleteConnection } from "@/lib/integrations/delete-connection";
import { endGrace } from "@/lib/integrations/end-grace";
import { findConnection } from "@/lib/integrations/find-connection";
import { ZGraceChoice } from "@/lib/integrations/grace";
import { inboundUrl } from "@/lib/integrations/inbound-url";
import { renameConnection } from "@/lib/integrations/rename-connection";
import { revealCredentials, type TReveal } from "@/lib/integrations/reveal-credentials";
import { rotateSecret } from "@/lib/integrations/rotate-secret";
import { rotateToken } from "@/lib/integrations/rotate-token";
import { ZConnectionName } from "@/lib/integrations/schemas";
import { setConnectionStatus } from "@/lib/integrations/set-connection-status";

const ZId = z.string().min(1).max(64);
const read = (form: FormData, ...keys: string[]) => Object.fromEntries(keys.map((k) => [k, form.get(k) ?? undefined]));
const refresh = (connectionId?: string) => {
  revalidatePath("/fleet/integrations");
  if (connectionId) revalidatePath(`/fleet/integrations/${connectionId}`);
};

/** Creates a connection and reveals its inbound URL and signing secret once. */
export const createConnectionAction = async (_prev: unknown, form: FormData): Promise<TActionResult<TReveal & { connectionId: string }>> => {
  const parsed = z.object({ name: ZConnectionName, connector: ZConnectorSlug }).safeParse(read(form, "name", "connector"));
  if (!parsed.success) return validationError(parsed.error);
  try {
    const { connectionId, token, secret } = await createConnection({ actor: await requireActor(), ...parsed.data });
    refresh();
    const url = inboundUrl({ origin: await getPublicOrigin(), connector: parsed.data.connector, token });
    return { ok: true, data: { connectionId, ...revealCredentials({ inboundUrl: url, signingSecret: secret }) } };
  } catch (error) {
    return actionError(error);
  }
};

/** Rotates the token or the secret with the chosen grace, and reveals the new value once. */
export const rotateCredentialAction = async (_prev: unknown, form: FormData): Promise<TActionResult<TReveal>> => {
  const parsed = z.object({ connectionId: ZId, credential: z.enum(["token", "secret"]), grace: ZGraceChoice }).safeParse(read(form, "connectionId", "credential", "grace"));
  if (!parsed.success) return validationError(parsed.error);
  const { connectionId, credential, grace } = parsed.data;
  try {
    const actor = await requireActor();
    if (credential === "secret") {
      const { secret } = await rotateSecret({ actor, connectionId, grace });
      refresh(connectionId);
      return { ok: true, data: revealCredentials({ signingSecret: secret }) };
    }
    const { token } = await rotateToken({ actor, connectionId, grace });
    const connection = await findConnection({ companyId: actor.companyId, connectionId });
    refresh(connectionId);
    const url = inboundUrl({ origin: await getPublicOrigin(), connector: connection!.connector, token });
    return { ok: true, data: revealCredentials({ inboundUrl: url }) };
  } catch (error) {
    return actionError(error);
  }
};

/** Ends the previous token's or secret's grace now. */
export const endGraceAction = async (_prev: unknown, form: FormData): Promise<TActionResult> => {
  const parsed = z.object({ connectionId: ZId, credential: z.enum(["token", "secret"]) }).safeParse(read(form, "connectionId", "credential"));
  if (!parsed.success) return validationError(parsed.error);
  try {
    await endGrace({ actor: await requireActor(), ...parsed.data });
    refresh(parsed.data.connectionId);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
};

/** Pauses or resumes a connection. */
export const setStatusAction = async (_prev: unknown, form: FormData): Promise<TActionResult> => {
  const parsed = z.object({ connectionId: ZId, status: z.enum(["active", "paused"]) }).safeParse(read(form, "connectionId", "status"));
  if (!parsed.success) return validationError(parsed.error);
  try {
    await setConnectionStatus({ actor: await requireActor(), ...parsed.data });
    refresh(parsed.data.connectionId);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
};

/** Renames a connection. */
export const renameAction = async (_prev: unknown, form: FormData): Promise<TActionResult> => {
  const parsed = z.object({ connectionId: ZId, name: ZConnectionName }).safeParse(read(form, "connectionId", "name"));
  if (!parsed.success) return validationError(parsed.error);
  try {
    await renameConnection({ actor: await requireActor(), ...parsed.data });
    refresh(parsed.data.connectionId);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
};

/** Deletes a connection after the name was typed, then returns to the list. */
export const deleteAction = async (_prev: unknown, form: FormData): Promise<TActionResult> => {
  const parsed = z.object({ connectionId: ZId, confirmName: z.string().max(200) }).safeParse(read(form, "connectionId", "confirmName"));
  if (!parsed.success) return validationError(parsed.error);
  try {
    await deleteConnection({ actor: await requireActor(), ...parsed.data });
    refresh(parsed.data.connectionId);
  } catch (error) {
    return actionError(error, { validation_failed: "confirmName" });
  }
  redirect("/fleet/integrations");
};
