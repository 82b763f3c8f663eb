"use server";

import { z } from "zod";
import { ZNewPassword, ZPersonName } from "@/lib/auth/schemas";
import type { TActionResult } from "@/lib/errors/action-result";
import { runAction } from "@/lib/errors/run-action";
import { acceptInvite } from "@/lib/invites/accept-invite";

/** Creates the invited user; the form then signs in with the returned email. */
export const acceptInviteAction = async (input: unknown): Promise<TActionResult<{ email: string }>> =>
  runAction({
    schema: z.object({ token: z.string().min(1).max(200), name: ZPersonName, password: ZNewPassword }),
    input,
    run: async (data) => ({ email: (await acceptInvite(data)).email }),
  });
