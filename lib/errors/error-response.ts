// Turns any thrown value into the one error body. Unknown errors are logged in
// full and answered with a generic 500 so nothing internal leaks.
import { AppError, isAppError } from "./app-error";
import { errorStatus } from "./error-status";

export type TErrorBody = { error: { code: string; message: string } };

/** Builds the JSON response for an error. */
export const errorResponse = (error: unknown, headers?: HeadersInit): Response => {
  const known = isAppError(error) ? error : undefined;
  if (!known) console.error("[unhandled]", error);
  const appError = known ?? new AppError("internal_error", "Something went wrong on our side. Please try again.");
  const body: TErrorBody = { error: { code: appError.code, message: appError.message } };
  return Response.json(body, { status: errorStatus[appError.code], headers });
};
