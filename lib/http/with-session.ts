import "server-only";
import { requireActor } from "@/lib/auth/require-user";
import type { TSessionUser } from "@/lib/auth/get-session-user";
import { errorResponse } from "@/lib/errors/error-response";

type THandler<P> = (input: { user: TSessionUser; request: Request; params: P }) => Promise<Response>;

/** Wraps a route handler: requires a session (401 otherwise) and answers every error in the one error shape. */
export const withSession =
  <P = Record<string, never>>(handler: THandler<P>) =>
  async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const user = await requireActor();
      return await handler({ user, request, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
