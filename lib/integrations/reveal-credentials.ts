import { buildSnippets, type TSnippets } from "./build-snippets";

/** What the reveal panel shows once: the new value(s) and snippets that use them. */
export type TReveal = { inboundUrl?: string; signingSecret?: string; snippets: TSnippets };

/**
 * Builds the reveal panel's content. A value that was not just issued cannot
 * be shown again (the token is stored hashed), so its snippets use a placeholder.
 */
export const revealCredentials = ({ inboundUrl, signingSecret }: { inboundUrl?: string; signingSecret?: string }): TReveal => ({
  inboundUrl,
  signingSecret,
  snippets: buildSnippets({ url: inboundUrl ?? "<your inbound URL>", secret: signingSecret ?? "<your signing secret>" }),
});
