// Test data built through the same domain functions the pages use.
import { randomUUID } from "node:crypto";
import { signUp } from "@/lib/companies/sign-up";
import { createInvite } from "@/lib/invites/create-invite";
import { acceptInvite } from "@/lib/invites/accept-invite";
import type { TActor } from "@/lib/users/types";

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomUUID().slice(0, 8)}@example.com`;

export const PASSWORD = "correct horse battery";

/** A company with its admin, as after sign-up. */
export const createCompany = async (name = "Acme Haulage"): Promise<{ companyId: string; admin: TActor & { email: string } }> => {
  const email = uniqueEmail("admin");
  const { companyId, userId } = await signUp({ companyName: name, name: "Ada Admin", email, password: PASSWORD });
  return { companyId, admin: { id: userId, companyId, role: "admin", email } };
};

/** A user added to the admin's company through an accepted invite. */
export const addUser = async ({ admin, role = "member" }: { admin: TActor; role?: "admin" | "member" }): Promise<TActor & { email: string }> => {
  const email = uniqueEmail(role);
  const { token } = await createInvite({ actor: admin, email, role });
  const { userId } = await acceptInvite({ token, name: `${role} user`, password: PASSWORD });
  return { id: userId, companyId: admin.companyId, role, email };
};
