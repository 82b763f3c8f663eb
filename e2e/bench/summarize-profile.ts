// Summarises V8 .cpuprofile files: self time per function, grouped by where
// it lives (our code, Next, Prisma, pg, Node internals), for the report.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

type TNode = { id: number; callFrame: { functionName: string; url: string }; hitCount?: number };
type TProfile = { nodes: TNode[]; samples: number[]; timeDeltas: number[] };

const area = (url: string): string => {
  if (!url) return "V8/native (GC, parsing, idle)";
  if (url.includes("/next/dist/") || url.includes("next-server")) return "Next.js";
  if (url.includes("@prisma") || url.includes("prisma")) return "Prisma";
  if (url.includes("/pg") || url.includes("pg-protocol")) return "pg driver";
  if (url.includes("/lib/db/generated/")) return "Prisma";
  if (url.includes("/node_modules/undici/")) return "undici";
  if (url.startsWith("node:")) return "Node.js core";
  if (url.includes("/.next/server/")) return "app bundle (our code + bundled deps)";
  if (url.includes("/lib/") && !url.includes("/node_modules/")) return "our code (lib/, run by tsx)";
  return "other";
};

/** Markdown tables of the largest profile (the server), or null when none was written. */
export const summarizeProfiles = (dir: string, top = 15): string | null => {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(dir, f));
  } catch {
    return null;
  }
  if (files.length === 0) return null;
  const largest = files.map((f) => ({ f, p: JSON.parse(readFileSync(f, "utf8")) as TProfile })).sort((a, b) => b.p.samples.length - a.p.samples.length)[0]!.p;
  const byId = new Map(largest.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  largest.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = largest.timeDeltas[i] ?? 0;
    if (!node || node.callFrame.functionName === "(idle)") return;
    total += dt;
    const key = `${node.callFrame.functionName || "(anonymous)"} — ${node.callFrame.url.split("/").slice(-2).join("/") || "native"}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const a = area(node.callFrame.url);
    areas.set(a, (areas.get(a) ?? 0) + dt);
  });
  const pct = (v: number) => `${((v / total) * 100).toFixed(1)}%`;
  const rows = (m: Map<string, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `| ${k.replace(/\|/g, "\\|")} | ${pct(v)} |`).join("\n");
  return `Busy CPU time of the server process: ${(total / 1e6).toFixed(1)} s.\n\n| Where | Share of busy CPU |\n| --- | --- |\n${rows(areas, 10)}\n\n| Function (self time) | Share |\n| --- | --- |\n${rows(self, top)}\n`;
};
