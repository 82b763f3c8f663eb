import type { TReveal } from "@/lib/integrations/reveal-credentials";
import { CopyField } from "@/components/ui/copy-field";
import { SnippetTabs } from "./snippet-tabs";

/** Shows newly issued credentials once, with examples that use them. */
export const CredentialsReveal = ({ reveal }: { reveal: TReveal }) => (
  <section aria-label="New credentials" className="space-y-4 rounded-md border border-amber-300 bg-amber-50 p-4">
    <p role="status" className="text-sm font-medium text-amber-900">
      Copy {reveal.inboundUrl && reveal.signingSecret ? "these values" : "this value"} now: {reveal.inboundUrl && reveal.signingSecret ? "they are" : "it is"} shown only
      this once. We keep the token only as a hash and the secret encrypted, so neither can be displayed again; if lost, rotate it.
    </p>
    {reveal.inboundUrl ? <CopyField label="Inbound URL" value={reveal.inboundUrl} /> : null}
    {reveal.signingSecret ? <CopyField label="Signing secret" value={reveal.signingSecret} /> : null}
    <div>
      <h3 className="mb-2 text-sm font-semibold text-slate-800">Send the example envelope</h3>
      <p className="mb-2 text-sm text-slate-700">
        Each example signs the exact request body with HMAC-SHA256 and sends it in the <code>x-betakom-signature</code> header. Expect <code>202 Accepted</code>.
      </p>
      <SnippetTabs snippets={reveal.snippets} />
    </div>
  </section>
);
