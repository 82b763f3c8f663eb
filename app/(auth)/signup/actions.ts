"use server";

import { headers } from "next/headers";
import { readClientIp } from "@/lib/auth/read-client-ip";
import { ZSignUp } from "@/lib/auth/schemas";
import { signUp } from "@/lib/companies/sign-up";
import type { TActionResult } from "@/lib/errors/action-result";
import { runAction } from "@/lib/errors/run-action";

/** Creates the company and its first admin (throttled per email and address); the form then signs in. */
export const signUpAction = async (input: unknown): Promise<TActionResult> =>
  runAction({
    schema: ZSignUp,
    input,
    run: async (data) => {
      await signUp({ ...data, ip: readClientIp({ headers: await headers() }) });
    },
    fieldFor: { email_taken: "email" },
  });
