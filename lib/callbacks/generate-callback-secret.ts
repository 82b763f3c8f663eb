import { randomBytes } from "node:crypto";

/** A new endpoint signing secret: `whsec_` + standard base64 of 32 random bytes (the Standard Webhooks form). */
export const generateCallbackSecret = (): string => `whsec_${randomBytes(32).toString("base64")}`;
