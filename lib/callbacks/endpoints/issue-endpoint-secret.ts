import { randomBytes } from "node:crypto";

export type TIssuedEndpointSecret = { secret: string; hint: string };

/** A new endpoint signing secret, `whsec_` + standard base64 of 32 random bytes (the Standard Webhooks form), and its hint. */
export const issueEndpointSecret = (): TIssuedEndpointSecret => {
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  return { secret, hint: `${secret.slice(0, 10)}…` };
};
