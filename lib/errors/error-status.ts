// The one code → HTTP status table.
export const errorStatus = {
  bad_request: 400,
  invalid_json: 400,
  invalid_idempotency_key: 400,
  invalid_signature: 401,
  timestamp_out_of_tolerance: 401,
  connection_paused: 403,
  payload_too_large: 413,
  idempotency_key_reused: 409,
  rate_limited: 429,
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
  secret_unavailable: 503,
  internal_error: 500,
} as const;

export type TErrorCode = keyof typeof errorStatus;
