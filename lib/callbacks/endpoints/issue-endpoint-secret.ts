import { generateCallbackSecret } from "@/lib/callbacks/generate-callback-secret";

export type TIssuedEndpointSecret = { secret: string; hint: string };

/** A new endpoint signing secret (`whsec_` + standard base64 of 32 random bytes) and the hint the pages show instead. */
export const issueEndpointSecret = (): TIssuedEndpointSecret => {
  const secret = generateCallbackSecret();
  return { secret, hint: `${secret.slice(0, 10)}…` };
};
