// The one error class. Its code decides the HTTP status (see error-status.ts)
// and is what a carrier reads in `{ "error": { "code", "message" } }`.
import type { TErrorCode } from "./error-status";

export class AppError extends Error {
  readonly code: TErrorCode;

  constructor(code: TErrorCode, message: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
