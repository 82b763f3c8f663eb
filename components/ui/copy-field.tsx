"use client";

import { useId, useState } from "react";

/** A read-only value with a copy button, for links and secrets shown once. */
export const CopyField = ({ label, value }: { label: string; value: string }) => {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 2_000);
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <div className="mt-1 flex gap-2">
        <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm" />
        <button type="button" onClick={copy} aria-label={`Copy ${label}`} className="rounded-md border border-slate-300 bg-white px-3 text-sm hover:bg-slate-100">
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
};
