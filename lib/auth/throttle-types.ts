/** One counter in `sign_in_throttles` ("email:…", "ip:…", "signup-email:…", "signup-ip:…") and how many attempts it allows per window. */
export type TThrottleKey = { key: string; maxAttempts: number };

export type TThrottleClaim = { allowed: true } | { allowed: false; retryAfterMs: number };
