// The one code → HTTP status table.
export const errorStatus = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  last_admin: 409,
  invite_invalid: 410,
  too_many_attempts: 429,
  database_unavailable: 503,
  internal_error: 500,
} as const;

export type TErrorCode = keyof typeof errorStatus;
