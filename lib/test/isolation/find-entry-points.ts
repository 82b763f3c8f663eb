// Finds every way into the app from outside by scanning the file system, so a
// new route handler or server action is seen without anyone listing it:
// each HTTP method of every app/**/route.* and each export of every
// "use server" module. Inline "use server" functions are reported as problems:
// they cannot be enumerated, so they must live in an actions module.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../../..");

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"] as const;

// Route segment config that Next reads from a route module; not entry points.
const ROUTE_CONFIG = new Set(["dynamic", "dynamicParams", "revalidate", "fetchCache", "runtime", "preferredRegion", "maxDuration", "generateStaticParams"]);

const SCANNED = ["app", "components", "lib", "inngest"];
const SKIPPED = new Set(["node_modules", ".next", ".data", "generated"]);
const SOURCE = /\.(ts|tsx|js|jsx|mjs)$/;
const ROUTE_FILE = /(^|\/)route\.(ts|tsx|js|mjs)$/;
const DIRECTIVE_LINE = /^\s*["']use server["'];?\s*$/m;

export type TEntryPoint = { kind: "route" | "action"; file: string; name: string; handler: unknown };

const walk = async (dir: string): Promise<string[]> => {
  const entries = await readdir(path.join(ROOT, dir), { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : walk(relative);
      return SOURCE.test(entry.name) ? [relative] : [];
    }),
  );
  return nested.flat();
};

// Leading comments and blank lines come before a module's directive.
const withoutLeadingComments = (source: string): string => source.replace(/^(\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, "");

const isServerActionModule = (source: string): boolean => /^["']use server["']/.test(withoutLeadingComments(source));

/** Every route method and server action in the app, and what cannot be enumerated or is not understood. */
export const findEntryPoints = async (): Promise<{ entryPoints: TEntryPoint[]; problems: string[] }> => {
  const files = (await Promise.all(SCANNED.map(walk))).flat().sort();
  const entryPoints: TEntryPoint[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const source = await readFile(path.join(ROOT, file), "utf8");
    const isRoute = file.startsWith("app/") && ROUTE_FILE.test(file);
    const isActions = isServerActionModule(source);
    const body = isActions ? withoutLeadingComments(source).replace(/^["']use server["'];?/, "") : source;
    if (DIRECTIVE_LINE.test(body)) problems.push(`inline "use server" in ${file}: move the action to a "use server" actions module so the isolation sweep sees it`);
    if (!isRoute && !isActions) continue;
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, handler] of Object.entries(mod)) {
      if (isActions) entryPoints.push({ kind: "action", file, name, handler });
      else if ((HTTP_METHODS as readonly string[]).includes(name)) entryPoints.push({ kind: "route", file, name, handler });
      else if (!ROUTE_CONFIG.has(name)) problems.push(`${file} exports "${name}", which is neither an HTTP method nor route segment config`);
    }
  }
  return { entryPoints, problems };
};
