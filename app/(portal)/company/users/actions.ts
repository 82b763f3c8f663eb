"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/lib/auth/require-user";
import { ZEmail, ZRole } from "@/lib/auth/schemas";
import type { TActionResult } from "@/lib/errors/action-result";
import { formFields, runAction } from "@/lib/errors/run-action";
import { createInvite } from "@/lib/invites/create-invite";
import { revokeInvite } from "@/lib/invites/revoke-invite";
import type { TInviteCreated } from "@/lib/invites/types";
import { changeUserRole } from "@/lib/users/change-user-role";
import { removeUser } from "@/lib/users/remove-user";

const ZId = z.string().min(1).max(64);

/** Creates a one-time invite link for a new user. */
export const inviteUserAction = async (_prev: unknown, form: FormData): Promise<TActionResult<TInviteCreated>> =>
  runAction({
    schema: z.object({ email: ZEmail, role: ZRole }),
    input: formFields(form, "email", "role"),
    run: async ({ email, role }) => {
      const { token, expiresAt } = await createInvite({ actor: await requireActor(), email, role });
      revalidatePath("/company/users");
      return { path: `/invite/${token}`, email, expiresAt: expiresAt.toISOString() };
    },
    fieldFor: { email_taken: "email" },
  });

/** Revokes a pending invite. */
export const revokeInviteAction = async (_prev: unknown, form: FormData): Promise<TActionResult> =>
  runAction({
    schema: z.object({ inviteId: ZId }),
    input: formFields(form, "inviteId"),
    run: async ({ inviteId }) => {
      await revokeInvite({ actor: await requireActor(), inviteId });
      revalidatePath("/company/users");
    },
  });

/** Makes a user admin or member. */
export const changeRoleAction = async (_prev: unknown, form: FormData): Promise<TActionResult> =>
  runAction({
    schema: z.object({ userId: ZId, role: ZRole }),
    input: formFields(form, "userId", "role"),
    run: async (input) => {
      await changeUserRole({ actor: await requireActor(), ...input });
      revalidatePath("/company/users");
    },
  });

/** Removes a user, then returns to the list. */
export const removeUserAction = async (_prev: unknown, form: FormData): Promise<TActionResult> => {
  const result = await runAction({
    schema: z.object({ userId: ZId }),
    input: formFields(form, "userId"),
    run: async ({ userId }) => {
      await removeUser({ actor: await requireActor(), userId });
      revalidatePath("/company/users");
    },
  });
  if (!result.ok) return result;
  redirect("/company/users");
};
