"use server";

import { z } from "zod";
import { ZNewPassword, ZPersonName } from "@/lib/auth/schemas";
import { acceptInvite } from "@/lib/invites/accept-invite";
import { actionError, validationError, type TActionResult } from "@/lib/errors/action-result";

const ZAcceptInvite = z.object({ token: z.string().min(1).max(200), name: ZPersonName, password: ZNewPassword });

/** Creates the invited user; the form then signs in with the returned email. */
export const acceptInviteAction = async (input: unknown): Promise<TActionResult<{ email: string }>> => {
  const parsed = ZAcceptInvite.safeParse(input);
  if (!parsed.success) return validationError(parsed.error);
  try {
    const { email } = await acceptInvite(parsed.data);
    return { ok: true, data: { email } };
  } catch (error) {
    return actionError(error);
  }
};
