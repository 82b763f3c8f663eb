"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/lib/auth/require-user";
import { ZEmail, ZRole } from "@/lib/auth/schemas";
import { actionError, validationError, type TActionResult } from "@/lib/errors/action-result";
import { createInvite } from "@/lib/invites/create-invite";
import type { TInviteCreated } from "@/lib/invites/types";
import { revokeInvite } from "@/lib/invites/revoke-invite";
import { changeUserRole } from "@/lib/users/change-user-role";
import { removeUser } from "@/lib/users/remove-user";

const ZInvite = z.object({ email: ZEmail, role: ZRole });
const ZId = z.string().min(1).max(64);



/** Creates a one-time invite link for a new user. */
export const inviteUserAction = async (_prev: unknown, form: FormData): Promise<TActionResult<TInviteCreated>> => {
  const parsed = ZInvite.safeParse({ email: form.get("email"), role: form.get("role") });
  if (!parsed.success) return validationError(parsed.error);
  try {
    const actor = await requireActor();
    const { token, expiresAt } = await createInvite({ actor, ...parsed.data });
    revalidatePath("/company/users");
    return { ok: true, data: { path: `/invite/${token}`, email: parsed.data.email, expiresAt: expiresAt.toISOString() } };
  } catch (error) {
    return actionError(error, { email_taken: "email" });
  }
};

/** Revokes a pending invite. */
export const revokeInviteAction = async (_prev: unknown, form: FormData): Promise<TActionResult> => {
  try {
    const actor = await requireActor();
    await revokeInvite({ actor, inviteId: ZId.parse(form.get("inviteId")) });
    revalidatePath("/company/users");
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
};

/** Makes a user admin or member. */
export const changeRoleAction = async (_prev: unknown, form: FormData): Promise<TActionResult> => {
  const parsed = z.object({ userId: ZId, role: ZRole }).safeParse({ userId: form.get("userId"), role: form.get("role") });
  if (!parsed.success) return validationError(parsed.error);
  try {
    await changeUserRole({ actor: await requireActor(), ...parsed.data });
    revalidatePath("/company/users");
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
};

/** Removes a user, then returns to the list. */
export const removeUserAction = async (_prev: unknown, form: FormData): Promise<TActionResult> => {
  try {
    await removeUser({ actor: await requireActor(), userId: ZId.parse(form.get("userId")) });
    revalidatePath("/company/users");
  } catch (error) {
    return actionError(error);
  }
  redirect("/company/users");
};
