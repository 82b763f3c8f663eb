"use client";

import { useId, useState } from "react";
import type { TSnippets } from "@/lib/integrations/build-snippets";

type TTab = { key: string; label: string };

const sendTabs: readonly TTab[] = [
  { key: "curl", label: "curl + openssl" },
  { key: "node", label: "Node.js" },
  { key: "python", label: "Python" },
];

/** The ready-to-run examples, one tab per language (the sending examples unless `tabs` says others), each with a copy button. */
export const SnippetTabs = ({ snippets, tabs = sendTabs, label = "Example code" }: { snippets: TSnippets | Record<string, string>; tabs?: readonly TTab[]; label?: string }) => {
  const id = useId();
  const [active, setActive] = useState<string>(tabs[0]?.key ?? "");
  const code = (snippets as Record<string, string>)[active] ?? "";
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(code).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 2_000);
  };
  return (
    <div>
      <div role="tablist" aria-label={label} className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <button key={tab.key} type="button" role="tab" id={`${id}-${tab.key}`} aria-selected={active === tab.key} aria-controls={`${id}-panel`} onClick={() => setActive(tab.key)}
            className={`rounded-t-md px-3 py-1.5 text-sm ${active === tab.key ? "border border-b-white border-slate-200 bg-white font-medium" : "text-slate-600 hover:text-slate-900"}`}>
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${active}`} className="relative">
        <button type="button" onClick={copy} className="absolute top-2 right-2 rounded border border-slate-600 bg-slate-800 px-2 py-1 text-xs text-slate-100 hover:bg-slate-700">
          {copied ? "Copied" : "Copy code"}
        </button>
        <pre className="max-h-96 overflow-auto rounded-b-md bg-slate-900 p-4 text-xs leading-relaxed text-slate-100" data-testid={`snippet-${active}`}>
          <code>{code}</code>
        </pre>
      </div>
    </div>
  );
};
