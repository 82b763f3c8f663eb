// The canonical envelope entries the Geotab mapping produces (the front door's shape, lib/ingest/normalize/).
// Values the vendor sent are passed on unchanged where the normaliser checks them, so a bad vendor value becomes
// the front door's reason code rather than vanishing here.

export type TEnvelopePosition = {
  externalUnitId?: string;
  at?: unknown;
  lat?: unknown;
  lng?: unknown;
  speedKmh?: unknown;
  headingDeg?: number;
  isMoving?: boolean;
  ignitionOn?: boolean;
  driverName?: string;
};

export type TEnvelopeLeg = {
  seq: number;
  kind: "pickup" | "delivery" | "reposition" | "rest";
  place?: { lat?: number; lng?: number; name?: string };
  windowStart?: string;
  windowEnd?: string;
};

export type TEnvelopePlan = {
  externalUnitId?: string;
  externalPlanId: string;
  status: "planned" | "in_progress" | "completed" | "cancelled";
  legs: TEnvelopeLeg[];
};

export type TGeotabEnvelope = { positions: TEnvelopePosition[]; plans: TEnvelopePlan[]; availability: never[] };

/** One message to land: the envelope and, index for index, the vendor keys to de-duplicate on (LogRecord id, route id). */
export type TGeotabMessage = { envelope: TGeotabEnvelope; recordKeys: { positions: (string | null)[]; plans: string[] } };
