import { env } from "@/lib/env";
import { toThrottleAddress } from "./to-throttle-address";
import type { TThrottleKey } from "./throttle-types";

/**
 * The throttle keys for one sign-in attempt. An unknown address gets no IP key:
 * one shared "unknown" key would let anyone lock everybody out.
 */
export const buildSignInThrottleKeys = ({ email, ip }: { email: string; ip: string | null }): TThrottleKey[] => [
  { key: `email:${email}`, maxAttempts: env.SIGN_IN_MAX_FAILURES_PER_EMAIL },
  ...(ip ? [{ key: `ip:${toThrottleAddress(ip)}`, maxAttempts: env.SIGN_IN_MAX_FAILURES_PER_IP }] : []),
];
