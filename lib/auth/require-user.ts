import "server-only";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors/app-error";
import { getSessionUser, type TSessionUser } from "./get-session-user";

/** For pages: the signed-in user, or a redirect to sign-in. */
export const requireUser = async (): Promise<TSessionUser> => {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
};

/** For server actions and route handlers: the signed-in user, or `unauthenticated`. */
export const requireActor = async (): Promise<TSessionUser> => {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthenticated", "Your session has ended. Please sign in again.");
  return user;
};
