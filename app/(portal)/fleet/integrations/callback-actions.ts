"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/lib/auth/require-user";
import { recoverFailedDeliveries } from "@/lib/callbacks/deliver/recover-failed-deliveries";
import { resendDelivery } from "@/lib/callbacks/deliver/resend-delivery";
import { sendTestEvent } from "@/lib/callbacks/deliver/send-test-event";
import type { TAttemptOutcome } from "@/lib/callbacks/deliver/types";
import { buildVerifySnippets, type TVerifySnippets } from "@/lib/callbacks/endpoints/build-verify-snippets";
import { createEndpoint } from "@/lib/callbacks/endpoints/create-endpoint";
import { deleteEndpoint } from "@/lib/callbacks/endpoints/delete-endpoint";
import { pauseEndpoint } from "@/lib/callbacks/endpoints/pause-endpoint";
import { resumeEndpoint } from "@/lib/callbacks/endpoints/resume-endpoint";
import { rotateEndpointSecret } from "@/lib/callbacks/endpoints/rotate-endpoint-secret";
import { ZCallbackOverlap, ZCallbackUrl, ZEndpointDescription, ZEventTypes } from "@/lib/callbacks/endpoints/schemas";
import { updateEndpoint } from "@/lib/callbacks/endpoints/update-endpoint";
import type { TActionResult } from "@/lib/errors/action-result";
import { formFields, runAction } from "@/lib/errors/run-action";

const ZId = z.string().min(1).max(64);
// The form's datetime-local value, read as UTC (the pages show every time in UTC).
const ZSinceUtc = z
  .string({ error: "Enter a date and time." })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Enter a date and time.")
  .transform((v) => new Date(`${v}Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "Enter a real date and time.");

// Checkboxes: one form value per checked event type. None checked is refused here (the domain reads empty as "all").
const ZCheckedEvents = z.array(z.string()).min(1, "Choose at least one event type.").optional().pipe(ZEventTypes);

const endpointFields = (form: FormData) => ({ ...formFields(form, "url", "description"), eventTypes: form.getAll("eventTypes") });

// Callback changes show on the integrations list, the connection page and the endpoint page.
const refresh = () => revalidatePath("/fleet/integrations", "layout");

export type TEndpointReveal = { endpointId: string; secret: string; snippets: TVerifySnippets; previousValidUntil?: Date | null };

/** Adds a callback endpoint and reveals its signing secret once, with receiver examples. */
export const addCallbackEndpointAction = async (_prev: unknown, form: FormData): Promise<TActionResult<TEndpointReveal>> =>
  runAction({
    schema: z.object({ connectionId: ZId, url: ZCallbackUrl, description: ZEndpointDescription, eventTypes: ZCheckedEvents }),
    input: { ...endpointFields(form), connectionId: form.get("connectionId") ?? undefined },
    run: async ({ connectionId, ...input }) => {
      const { endpointId, secret } = await createEndpoint({ actor: await requireActor(), connectionId, input });
      refresh();
      return { endpointId, secret, snippets: buildVerifySnippets({ secret }) };
    },
  });

/** Changes an endpoint's URL, description and event types. */
export const updateCallbackEndpointAction = async (_prev: unknown, form: FormData): Promise<TActionResult<{ changed: string[] }>> =>
  runAction({
    schema: z.object({ endpointId: ZId, url: ZCallbackUrl, description: ZEndpointDescription, eventTypes: ZCheckedEvents }),
    input: { ...endpointFields(form), endpointId: form.get("endpointId") ?? undefined },
    run: async ({ endpointId, ...input }) => {
      const { changed } = await updateEndpoint({ actor: await requireActor(), endpointId, input });
      refresh();
      return { changed };
    },
  });

/** Pauses an endpoint (its deliveries are held until it is resumed). */
export const pauseCallbackEndpointAction = async (_prev: unknown, form: FormData): Promise<TActionResult> =>
  runAction({
    schema: z.object({ endpointId: ZId }),
    input: formFields(form, "endpointId"),
    run: async ({ endpointId }) => {
      await pauseEndpoint({ actor: await requireActor(), endpointId });
      refresh();
    },
  });

/** Resumes a paused endpoint or re-enables a disabled one; what was held is sent. */
export const resumeCallbackEndpointAction = async (_prev: unknown, form: FormData): Promise<TActionResult> =>
  runAction({
    schema: z.object({ endpointId: ZId }),
    input: formFields(form, "endpointId"),
    run: async ({ endpointId }) => {
      await resumeEndpoint({ actor: await requireActor(), endpointId });
      refresh();
    },
  });

/** Deletes an endpoint, then returns to its connection. */
export const deleteCallbackEndpointAction = async (_prev: unknown, form: FormData): Promise<TActionResult> => {
  const result = await runAction({
    schema: z.object({ endpointId: ZId }),
    input: formFields(form, "endpointId"),
    run: async ({ endpointId }) => {
      const { connectionId } = await deleteEndpoint({ actor: await requireActor(), endpointId });
      refresh();
      return connectionId;
    },
  });
  if (!result.ok) return result;
  redirect(`/fleet/integrations/${result.data}`);
};

/** Rotates an endpoint's signing secret with the chosen overlap and reveals the new one once. */
export const rotateCallbackSecretAction = async (_prev: unknown, form: FormData): Promise<TActionResult<TEndpointReveal>> =>
  runAction({
    schema: z.object({ endpointId: ZId, overlap: ZCallbackOverlap }),
    input: formFields(form, "endpointId", "overlap"),
    run: async ({ endpointId, overlap }) => {
      const { secret, previousValidUntil } = await rotateEndpointSecret({ actor: await requireActor(), endpointId, overlap });
      refresh();
      return { endpointId, secret, previousValidUntil, snippets: buildVerifySnippets({ secret }) };
    },
  });

/** Sends callbacks.endpoint.test through the real delivery path and reports the attempt. */
export const sendCallbackTestAction = async (_prev: unknown, form: FormData): Promise<TActionResult<TAttemptOutcome>> =>
  runAction({
    schema: z.object({ endpointId: ZId }),
    input: formFields(form, "endpointId"),
    run: async ({ endpointId }) => {
      const outcome = await sendTestEvent({ actor: await requireActor(), endpointId });
      refresh();
      return outcome;
    },
  });

/** One manual attempt of a delivery, with the same webhook-id; reports its outcome. */
export const resendCallbackDeliveryAction = async (_prev: unknown, form: FormData): Promise<TActionResult<TAttemptOutcome>> =>
  runAction({
    schema: z.object({ deliveryId: ZId }),
    input: formFields(form, "deliveryId"),
    run: async ({ deliveryId }) => {
      const outcome = await resendDelivery({ actor: await requireActor(), deliveryId });
      refresh();
      return outcome;
    },
  });

/** Re-queues every failed or exhausted delivery of the endpoint since the chosen time. */
export const recoverCallbackDeliveriesAction = async (_prev: unknown, form: FormData): Promise<TActionResult<{ requeued: number }>> =>
  runAction({
    schema: z.object({ endpointId: ZId, since: ZSinceUtc }),
    input: formFields(form, "endpointId", "since"),
    run: async ({ endpointId, since }) => {
      const result = await recoverFailedDeliveries({ actor: await requireActor(), endpointId, since });
      refresh();
      return result;
    },
  });
