import { env } from "@/lib/env";
import { toThrottleAddress } from "./to-throttle-address";
import type { TThrottleKey } from "./throttle-types";

/** The throttle keys for one sign-up: per email (also slows account probing) and per client address (no key when unknown). */
export const buildSignUpThrottleKeys = ({ email, ip }: { email: string; ip: string | null }): TThrottleKey[] => [
  { key: `signup-email:${email}`, maxAttempts: env.SIGN_UP_MAX_PER_EMAIL },
  ...(ip ? [{ key: `signup-ip:${toThrottleAddress(ip)}`, maxAttempts: env.SIGN_UP_MAX_PER_IP }] : []),
];
