"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/lib/auth/require-user";
import type { TActionResult } from "@/lib/errors/action-result";
import { formFields, runAction } from "@/lib/errors/run-action";
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
import { updateConnectionSettings } from "@/lib/integrations/update-connection-settings";
import { retryMessage } from "@/lib/ingest/messages/retry-message";
import { sendTestMessage, type TTestResult } from "@/lib/ingest/messages/send-test-message";

const ZId = z.string().min(1).max(64);
const ZCredential = z.enum(["token", "secret"]);

const refresh = (connectionId?: string) => {
  revalidatePath("/fleet/integrations");
  if (connectionId) revalidatePath(`/fleet/integrations/${connectionId}`);
};

/** Creates a connection and reveals its inbound URL and signing secret once. */
export const createConnectionAction = async (_prev: unknown, form: FormData): Promise<TActionResult<TReveal & { connectionId: string }>> =>
  runAction({
    schema: z.object({ name: ZConnectionName, connector: ZConnectorSlug }),
    input: formFields(form, "name", "connector"),
    run: async ({ name, connector }) => {
      const { connectionId, token, secret } = await createConnection({ actor: await requireActor(), name, connector });
      refresh();
      const url = inboundUrl({ origin: await getPublicOrigin(), connector, token });
      return { connectionId, ...revealCredentials({ inboundUrl: url, signingSecret: secret }) };
    },
  });

/** Rotates the token or the secret with the chosen grace, and reveals the new value once. */
export const rotateCredentialAction = async (_prev: unknown, form: FormData): Promise<TActionResult<TReveal>> =>
  runAction({
    schema: z.object({ connectionId: ZId, credential: ZCredential, grace: ZGraceChoice }),
    input: formFields(form, "connectionId", "credential", "grace"),
    run: async ({ connectionId, credential, grace }) => {
      const actor = await requireActor();
      if (credential === "secret") {
        const { secret } = await rotateSecret({ actor, connectionId, grace });
        refresh(connectionId);
        return revealCredentials({ signingSecret: secret });
      }
      const { token } = await rotateToken({ actor, connectionId, grace });
      const connection = await findConnection({ companyId: actor.companyId, connectionId });
      refresh(connectionId);
      return revealCredentials({ inboundUrl: inboundUrl({ origin: await getPublicOrigin(), connector: connection!.connector, token }) });
    },
  });

/** Ends the previous token's or secret's grace now. */
export const endGraceAction = async (_prev: unknown, form: FormData): Promise<TActionResult> =>
  runAction({
    schema: z.object({ connectionId: ZId, credential: ZCredential }),
    input: formFields(form, "connectionId", "credential"),
    run: async (input) => {
      await endGrace({ actor: await requireActor(), ...input });
      refresh(input.connectionId);
    },
  });

/** Pauses or resumes a connection. */
export const setStatusAction = async (_prev: unknown, form: FormData): Promise<TActionResult> =>
  runAction({
    schema: z.object({ connectionId: ZId, status: z.enum(["active", "paused"]) }),
    input: formFields(form, "connectionId", "status"),
    run: async (input) => {
      await setConnectionStatus({ actor: await requireActor(), ...input });
      refresh(input.connectionId);
    },
  });

/** Renames a connection. */
export const renameAction = async (_prev: unknown, form: FormData): Promise<TActionResult> =>
  runAction({
    schema: z.object({ connectionId: ZId, name: ZConnectionName }),
    input: formFields(form, "connectionId", "name"),
    run: async (input) => {
      await renameConnection({ actor: await requireActor(), ...input });
      refresh(input.connectionId);
    },
  });

/** Deletes a connection after its name was typed, then returns to the list. */
export const deleteAction = async (_prev: unknown, form: FormData): Promise<TActionResult> => {
  const result = await runAction({
    schema: z.object({ connectionId: ZId, confirmName: z.string().max(200) }),
    input: formFields(form, "connectionId", "confirmName"),
    run: async (input) => {
      await deleteConnection({ actor: await requireActor(), ...input });
      refresh(input.connectionId);
    },
    fieldFor: { validation_failed: "confirmName" },
  });
  if (!result.ok) return result;
  redirect("/fleet/integrations");
};

/** Sends a signed sample through the connection's own front door and reports each stage. */
export const sendTestAction = async (_prev: unknown, form: FormData): Promise<TActionResult<TTestResult>> =>
  runAction({
    schema: z.object({ connectionId: ZId }),
    input: formFields(form, "connectionId"),
    run: async ({ connectionId }) => {
      const result = await sendTestMessage({ actor: await requireActor(), connectionId });
      refresh(connectionId);
      return result;
    },
  });

/** Sends a failed message back to processing. */
export const retryMessageAction = async (_prev: unknown, form: FormData): Promise<TActionResult> =>
  runAction({
    schema: z.object({ connectionId: ZId, messageId: ZId }),
    input: formFields(form, "connectionId", "messageId"),
    run: async ({ connectionId, messageId }) => {
      await retryMessage({ actor: await requireActor(), connectionId, messageId });
      refresh(connectionId);
    },
  });

const ZOptionalSeconds = z.preprocess((v) => (v === "" || v === undefined ? null : Number(v)), z.number({ error: "Enter a number of seconds." }).int("Use whole seconds.").nullable());

/** Changes the connection's signature and time-limit settings. */
export const updateSettingsAction = async (_prev: unknown, form: FormData): Promise<TActionResult> =>
  runAction({
    schema: z.object({
      connectionId: ZId,
      requireTimestamp: z.preprocess((v) => v === "on", z.boolean()),
      maxFutureSeconds: z.preprocess((v) => Number(v), z.number({ error: "Enter a number of seconds." }).int().min(0, "Use 0 or more.").max(86_400, "Use at most 86400 (one day).")),
      maxAgeSeconds: ZOptionalSeconds.refine((v) => v === null || v >= 60, "Use at least 60 seconds, or leave empty for no limit."),
      acceptCallbackUrl: z.preprocess((v) => v === "on", z.boolean()),
      silenceThresholdMinutes: z.preprocess((v) => Number(v), z.number({ error: "Enter a number of minutes." }).int().min(5, "Use at least 5 minutes.").max(10_080, "Use at most 10080 (one week).")),
    }),
    input: formFields(form, "connectionId", "requireTimestamp", "maxFutureSeconds", "maxAgeSeconds", "acceptCallbackUrl", "silenceThresholdMinutes"),
    run: async ({ connectionId, ...changes }) => {
      await updateConnectionSettings({ actor: await requireActor(), connectionId, changes });
      refresh(connectionId);
    },
  });
