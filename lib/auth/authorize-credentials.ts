// Checks an email and password for next-auth's credentials provider.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { hashPassword, verifyPassword } from "./hash-password";
import { ZCredentials } from "./schemas";
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure, throttleKeys } from "./sign-in-throttle";

export type TAuthorizedUser = { id: string; email: string; name: string; companyId: string; role: "admin" | "member" };

// Verifying against a real hash when the email is unknown keeps the response
// time the same, so timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

/** Returns the user for valid credentials; throws AppError otherwise. */
export const authorizeCredentials = async ({ email, password, ip }: { email: unknown; password: unknown; ip: string | null }): Promise<TAuthorizedUser> => {
  const parsed = ZCredentials.safeParse({ email, password });
  if (!parsed.success) throw new AppError("unauthenticated", "Enter your email address and password.");
  const keys = throttleKeys({ email: parsed.data.email, ip });
  await assertSignInAllowed({ keys });

  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  const hash = user?.passwordHash ?? (await (dummyHash ??= hashPassword("not-a-real-password")));
  const valid = await verifyPassword({ hash, password: parsed.data.password });
  if (!user || !valid) {
    await recordSignInFailure({ keys });
    throw new AppError("unauthenticated", "Email or password is incorrect.");
  }
  await clearSignInFailures({ email: user.email });
  return { id: user.id, email: user.email, name: user.name, companyId: user.companyId, role: user.role };
};
