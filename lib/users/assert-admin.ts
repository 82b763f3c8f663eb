import { AppError } from "@/lib/errors/app-error";

/** Throws `forbidden` unless the actor is an admin of their company. */
export const assertAdmin = (actor: { role: "admin" | "member" }): void => {
  if (actor.role !== "admin") throw new AppError("forbidden", "Only company admins can do this.");
};
