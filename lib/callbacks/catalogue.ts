// The event catalogue (v1): every event the portal sends to callback URLs,
// grouped by module, with when it fires, what its `id` is, and an example of
// its `data`. The endpoint form, the "Callback events" page, the README and
// emission all read this one list.
export const CALLBACK_MODULES = ["inbound", "plans", "availability", "monitoring", "connections", "callbacks"] as const;
export type TCallbackModule = (typeof CALLBACK_MODULES)[number];

export const MODULE_LABELS: Record<TCallbackModule, string> = {
  inbound: "Inbound messages",
  plans: "Plans",
  availability: "Availability offers",
  monitoring: "Monitoring",
  connections: "Connection",
  callbacks: "Callbacks",
};

type TCatalogueEntry = { module: TCallbackModule; when: string; id: string; example: Record<string, unknown> };

const examplePlan = {
  externalPlanId: "TOUR-42",
  externalUnitId: "TRK-1",
  status: "planned",
  sourceFetchedAt: null,
  legs: [
    {
      seq: 0, kind: "pickup", lat: 48.1, lng: 11.5, postalCode: "80331", country: "DE", placeName: "Muenchen",
      windowStart: "2026-07-02T08:00:00.000Z", windowEnd: "2026-07-02T12:00:00.000Z", loadState: "empty", goodsDescription: "Paletten", weightKg: 12000,
    },
  ],
  legCount: 1,
  messageId: "0193f5d2-7a4e-7c1b-9a51-3f1f0c2d4e5a",
};

const exampleOffer = {
  externalOfferId: "OFFER-7",
  externalUnitId: "TRK-2",
  availableFrom: "2026-07-03T00:00:00.000Z",
  availableTo: "2026-07-05T00:00:00.000Z",
  origin: { lat: 50.1, lng: 8.6, postalCode: "60311", country: "DE", radiusKm: 50 },
  preferredDestination: { region: "Ruhr", country: "DE", lat: null, lng: null },
  bodyType: "tautliner",
  capacityKg: 24000,
  messageId: "0193f5d2-7a4e-7c1b-9a51-3f1f0c2d4e5a",
};

const exampleFix = { externalUnitId: "TRK-1", at: "2026-07-01T10:00:00.000Z", lat: 48.13, lng: 11.57, speedKmh: 80, headingDeg: 270, isMoving: true, ignitionOn: true, messageId: "0193f5d2-7a4e-7c1b-9a51-3f1f0c2d4e5a" };

const section = (received: number, accepted: number, dropped = 0) => ({ received, accepted, dropped, duplicate: 0, stale: 0 });

export const CALLBACK_EVENTS = {
  "inbound.message.processed": {
    module: "inbound",
    when: "A message finished processing (once per message; processing it again sends nothing).",
    id: "The messageId from the 202 answer.",
    example: {
      status: "processed",
      receivedAt: "2026-07-01T10:00:01.000Z",
      processedAt: "2026-07-01T10:00:01.250Z",
      counts: { positions: section(2, 1, 1), plans: section(1, 1), availability: section(1, 1) },
      dropped: [{ section: "positions", index: 1, reason: "invalid_timestamp", field: "at", detail: "at is not an ISO 8601 timestamp" }],
      droppedTotal: 1,
      dropsTruncated: false,
    },
  },
  "inbound.message.failed": {
    module: "inbound",
    when: "Processing gave up after its retries (the message is kept and can be retried from the portal).",
    id: "The messageId from the 202 answer.",
    example: { code: "processing_error", message: "Processing failed on our side. The message is kept; retry it from this page.", attempts: 5 },
  },
  "plans.plan.created": {
    module: "plans",
    when: "A plan was stored for the first time.",
    id: "The plan's externalPlanId.",
    example: { plan: examplePlan },
  },
  "plans.plan.updated": {
    module: "plans",
    when: "A stored plan changed its legs, time windows, goods or other details.",
    id: "The plan's externalPlanId.",
    example: { plan: examplePlan, changedFields: ["legs"] },
  },
  "plans.plan.status_changed": {
    module: "plans",
    when: "A plan's status moved (planned → in_progress → completed, or cancelled).",
    id: "The plan's externalPlanId.",
    example: { from: "planned", to: "in_progress", plan: { ...examplePlan, status: "in_progress" } },
  },
  "plans.plan.unit_changed": {
    module: "plans",
    when: "A plan moved to another vehicle.",
    id: "The plan's externalPlanId.",
    example: { from: "TRK-1", to: "TRK-3", plan: { ...examplePlan, externalUnitId: "TRK-3" } },
  },
  "availability.offer.created": {
    module: "availability",
    when: "A free-capacity offer was stored for the first time.",
    id: "The offer's externalOfferId.",
    example: { offer: exampleOffer },
  },
  "availability.offer.updated": {
    module: "availability",
    when: "A stored offer changed.",
    id: "The offer's externalOfferId.",
    example: { offer: exampleOffer, changedFields: ["availableTo"] },
  },
  "availability.offer.expired": {
    module: "availability",
    when: "An offer's availableTo passed.",
    id: "The offer's externalOfferId.",
    example: { offer: exampleOffer },
  },
  "monitoring.unit.first_fix": {
    module: "monitoring",
    when: "The first position of a vehicle was stored.",
    id: "The vehicle's externalUnitId.",
    example: { fix: exampleFix },
  },
  "monitoring.unit.silent": {
    module: "monitoring",
    when: "A vehicle sent no position for the connection's silence threshold (default 30 minutes).",
    id: "The vehicle's externalUnitId.",
    example: { lastFix: exampleFix, silentForSeconds: 1800, thresholdMinutes: 30 },
  },
  "monitoring.unit.resumed": {
    module: "monitoring",
    when: "A silent vehicle sent a position again.",
    id: "The vehicle's externalUnitId.",
    example: { fix: exampleFix, silentForSeconds: 5400 },
  },
  "connections.connection.paused": {
    module: "connections",
    when: "An admin paused the connection (the front door answers 403 until it is resumed).",
    id: "The connection id.",
    example: { by: "Ada Admin", at: "2026-07-01T10:00:00.000Z" },
  },
  "connections.connection.resumed": {
    module: "connections",
    when: "An admin resumed the connection.",
    id: "The connection id.",
    example: { by: "Ada Admin", at: "2026-07-01T11:00:00.000Z" },
  },
  "connections.token.rotated": {
    module: "connections",
    when: "The inbound URL token was rotated.",
    id: "The connection id.",
    example: { by: "Ada Admin", previousValidUntil: "2026-07-02T10:00:00.000Z" },
  },
  "connections.secret.rotated": {
    module: "connections",
    when: "The inbound signing secret was rotated.",
    id: "The connection id.",
    example: { by: "Ada Admin", previousValidUntil: "2026-07-02T10:00:00.000Z" },
  },
  "connections.grace.ending": {
    module: "connections",
    when: "One hour before a rotation's grace ends (the previous token or secret stops working then).",
    id: "The connection id.",
    example: { credential: "secret", endsAt: "2026-07-02T10:00:00.000Z" },
  },
  "callbacks.endpoint.test": {
    module: "callbacks",
    when: "An admin pressed \"Send test event\" for this endpoint.",
    id: "The endpoint id.",
    example: { message: "This is a test event from the carrier portal.", endpointId: "cbe_0193f5d27a4e7c1b9a513f1f0c2d4e5a" },
  },
} as const satisfies Record<string, TCatalogueEntry>;

export type TCallbackEventName = keyof typeof CALLBACK_EVENTS;

export const CALLBACK_EVENT_NAMES = Object.keys(CALLBACK_EVENTS) as TCallbackEventName[];

/** Whether a string names an event of the catalogue. */
export const isCallbackEventName = (name: string): name is TCallbackEventName => Object.hasOwn(CALLBACK_EVENTS, name);

/** The event names of one module, in catalogue order. */
export const eventNamesOf = (module: TCallbackModule): TCallbackEventName[] => CALLBACK_EVENT_NAMES.filter((name) => CALLBACK_EVENTS[name].module === module);

const exampleIds: Record<TCallbackModule, string> = {
  inbound: examplePlan.messageId,
  plans: "TOUR-42",
  availability: "OFFER-7",
  monitoring: "TRK-1",
  connections: "0193f5d1-1b2c-7d3e-8f40-5a6b7c8d9e0f",
  callbacks: "cbe_0193f5d27a4e7c1b9a513f1f0c2d4e5a",
};

/** The full body an integrator receives for an example event, as documentation shows it. */
export const exampleBody = (name: TCallbackEventName) => ({
  id: exampleIds[CALLBACK_EVENTS[name].module],
  event_id: "evt_0193f5d27a4e7c1b9a513f1f0c2d4e5a",
  event_name: name,
  occurred_at: "2026-07-01T10:00:01.250Z",
  sequence: 42,
  data: CALLBACK_EVENTS[name].example,
});
