// RFC 8288 Link header: `<url>; rel="next", <url>; rel="first"`. Commas may
// appear inside the <…> URL, so links are matched as a whole, not split on ",".

/** The target of the link whose rel includes "next", resolved against `base`; null when there is none. */
export const parseLinkNext = ({ header, base }: { header: string | null | undefined; base: string }): string | null => {
  if (!header) return null;
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? "");
    const rels = (rel?.[1] ?? rel?.[2] ?? "").toLowerCase().split(/\s+/);
    if (!rels.includes("next")) continue;
    try {
      return new URL(match[1]!, base).toString();
    } catch {
      return null;
    }
  }
  return null;
};
