// Turns one response page into the canonical envelope with the carrier's
// JSONata expression. The expression is the carrier's input: it runs with
// JSONata's own guardrails (time, depth, sequence length), on a bounded input,
// and a failure is a message for the connection test and poll status.
import jsonata from "jsonata";
import type { TCarrierRestSettings } from "./settings";

export type TRestEnvelope = { positions: unknown[]; plans: unknown[]; availability: unknown[] };
export type TRestRecordKeys = { positions: string[]; plans: string[]; availability: string[] };
export type TMappingError = { kind: "mapping_failed"; message: string; code?: string; position?: number };
export type TMapRestPageResult = { ok: true; envelope: TRestEnvelope; keys: TRestRecordKeys } | { ok: false; error: TMappingError };

export type TMappingLimits = { timeoutMs: number; stackDepth: number; sequenceLength: number; inputBytes: number; outputBytes: number };

export const MAPPING_LIMITS: TMappingLimits = {
  timeoutMs: 1_000,
  stackDepth: 200,
  sequenceLength: 100_000,
  inputBytes: 20_000_000,
  outputBytes: 20_000_000,
};

const KMH_PER: Record<TCarrierRestSettings["units"]["speed"], number> = { kmh: 1, mph: 1.609344, mps: 3.6, knots: 1.852 };

// JSONata errors are plain objects `{code, position, token, message}`; D1012 / D1011 / D2015 are its guardrails.
const describe = (error: unknown, limits: TMappingLimits): TMappingError => {
  const e = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; position?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? e.code : undefined;
  const position = typeof e.position === "number" ? e.position : undefined;
  const at = position !== undefined ? ` (at character ${position})` : "";
  if (code === "D1012") return { kind: "mapping_failed", code, message: `The mapping expression ran longer than ${limits.timeoutMs} ms and was stopped.` };
  if (code === "D1011") return { kind: "mapping_failed", code, message: `The mapping expression nests deeper than ${limits.stackDepth} levels (endless recursion?) and was stopped.` };
  if (code === "D2015") return { kind: "mapping_failed", code, message: `The mapping expression built a sequence longer than ${limits.sequenceLength} items and was stopped.` };
  const text = typeof e.message === "string" && e.message !== "" ? e.message : "The expression failed.";
  return { kind: "mapping_failed", code, position, message: `The mapping expression failed${code ? ` (${code})` : ""}${at}: ${text}` };
};

// JSONata collapses a one-item sequence to the item itself (`data.locations.{…}` over one fix is an object), so a lone object is one entry.
const asSection = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

const keysOf = (envelope: TRestEnvelope): TRestRecordKeys => {
  const text = (entry: unknown, key: string): string | null => {
    const value = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>)[key] : undefined;
    return typeof value === "string" && value !== "" ? value : null;
  };
  const positions: string[] = [];
  for (const entry of envelope.positions) {
    const unit = text(entry, "externalUnitId");
    const at = text(entry, "at");
    const time = at === null ? Number.NaN : Date.parse(at);
    // Unit and instant, not the raw text: the same fix re-read in an overlap window may be formatted differently.
    if (unit !== null && !Number.isNaN(time)) positions.push(`${unit}\u0000${new Date(time).toISOString()}`);
  }
  const ids = (entries: unknown[], key: string) => entries.map((entry) => text(entry, key)).filter((id): id is string => id !== null);
  return { positions, plans: ids(envelope.plans, "externalPlanId"), availability: ids(envelope.availability, "externalOfferId") };
};

/** Runs the mapping over one parsed page; `bodyBytes` is the page's size as received (measured when absent). */
export const mapRestPage = async ({ expression, body, bodyBytes, units, limits = MAPPING_LIMITS }: { expression: string; body: unknown; bodyBytes?: number; units: TCarrierRestSettings["units"]; limits?: TMappingLimits }): Promise<TMapRestPageResult> => {
  const size = bodyBytes ?? Buffer.byteLength(JSON.stringify(body) ?? "", "utf8");
  if (size > limits.inputBytes) return { ok: false, error: { kind: "mapping_failed", message: `The page is ${size} bytes; the mapping takes at most ${limits.inputBytes}.` } };
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(expression, { timeout: limits.timeoutMs, stack: limits.stackDepth, sequence: limits.sequenceLength });
  } catch (error) {
    return { ok: false, error: describe(error, limits) };
  }
  const bindings = {
    // Units from the connector settings, so one expression serves a vendor in mph or km/h alike.
    toKmh: (value: unknown) => (typeof value === "number" ? value * KMH_PER[units.speed] : value),
    toDegrees: (value: unknown) => (typeof value === "number" && units.coords === "microdeg" ? value / 1e6 : value),
  };
  let result: unknown;
  try {
    result = await compiled.evaluate(body, bindings);
  } catch (error) {
    return { ok: false, error: describe(error, limits) };
  }
  if (result === undefined) return { ok: true, envelope: { positions: [], plans: [], availability: [] }, keys: { positions: [], plans: [], availability: [] } };
  if (typeof result !== "object" || result === null || Array.isArray(result)) {
    return { ok: false, error: { kind: "mapping_failed", message: `The mapping expression must produce an object with positions, plans and availability, not ${Array.isArray(result) ? "a list" : typeof result}.` } };
  }
  // Through JSON once: JSONata values may carry functions or sequence flags; what lands must be plain JSON within bounds.
  const text = JSON.stringify(result);
  if (Buffer.byteLength(text, "utf8") > limits.outputBytes) return { ok: false, error: { kind: "mapping_failed", message: `The mapped envelope is larger than ${limits.outputBytes} bytes.` } };
  const plain = JSON.parse(text) as Record<string, unknown>;
  const envelope: TRestEnvelope = { positions: asSection(plain.positions), plans: asSection(plain.plans), availability: asSection(plain.availability) };
  return { ok: true, envelope, keys: keysOf(envelope) };
};
