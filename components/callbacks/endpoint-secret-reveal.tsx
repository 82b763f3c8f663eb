import { CopyField } from "@/components/ui/copy-field";
import { formatDateTime } from "@/components/ui/format-date";
import { SnippetTabs } from "@/components/integrations/snippet-tabs";
import type { TVerifySnippets } from "@/lib/callbacks/endpoints/build-verify-snippets";

const tabs = [
  { key: "node", label: "Node.js (standardwebhooks)" },
  { key: "python", label: "Python" },
  { key: "hmac", label: "Plain HMAC (x-betakom-signature)" },
] as const;

/** A new endpoint signing secret, shown this once, with receiver examples that verify it. */
export const EndpointSecretReveal = ({ secret, snippets, previousValidUntil }: { secret: string; snippets: TVerifySnippets; previousValidUntil?: Date | null }) => (
  <section aria-label="New callback signing secret" className="space-y-4 rounded-md border border-amber-300 bg-amber-50 p-4">
    <p role="status" className="text-sm font-medium text-amber-900">
      Copy this secret now: it is shown only this once. We keep it encrypted and cannot display it again; if it is lost, rotate it.
      {previousValidUntil === undefined ? null : previousValidUntil ? ` The previous secret keeps signing too until ${formatDateTime(previousValidUntil)}.` : " The previous secret no longer signs."}
    </p>
    <CopyField label="Callback signing secret" value={secret} />
    <div>
      <h3 className="mb-2 text-sm font-semibold text-slate-800">Verify the callbacks you receive</h3>
      <p className="mb-2 text-sm text-slate-700">
        Every callback carries Standard Webhooks headers (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>) and
        <code> x-betakom-signature</code>, the hex HMAC-SHA256 of the raw body. Verify the raw body before parsing it, and answer 2xx within 15 seconds.
      </p>
      <SnippetTabs snippets={snippets} tabs={tabs} label="Receiver example code" />
    </div>
  </section>
);
