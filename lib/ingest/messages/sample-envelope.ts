// A realistic envelope for "Send test": two trucks near Munich and Frankfurt,
// a plan with a pickup and a delivery, and a free-capacity offer.
export const sampleEnvelope = (now: Date) => {
  const iso = (minutesFromNow: number) => new Date(now.getTime() + minutesFromNow * 60_000).toISOString();
  return {
    positions: [
      { externalUnitId: "TEST-TRUCK-1", at: iso(-2), lat: 48.137, lng: 11.575, speedKmh: 72, headingDeg: 315, isMoving: true, ignitionOn: true, driverName: "Test Driver" },
      { externalUnitId: "TEST-TRUCK-1", at: iso(-1), lat: 48.142, lng: 11.566, speedKmh: 68, headingDeg: 310, isMoving: true, ignitionOn: true, driverName: "Test Driver" },
      { externalUnitId: "TEST-TRUCK-2", at: iso(-1), lat: 50.11, lng: 8.682, speedKmh: 0, headingDeg: 0, isMoving: false, ignitionOn: false },
    ],
    plans: [
      {
        externalUnitId: "TEST-TRUCK-1",
        externalPlanId: `TEST-TOUR-${now.getTime()}`,
        status: "planned",
        sourceFetchedAt: iso(-1),
        legs: [
          { seq: 0, kind: "pickup", place: { lat: 48.1, lng: 11.5, postalCode: "80331", country: "DE", name: "Muenchen" }, windowStart: iso(60), windowEnd: iso(180), loadState: "empty", goodsDescription: "Paletten", weightKg: 12000 },
          { seq: 1, kind: "delivery", place: { lat: 50.11, lng: 8.68, postalCode: "60311", country: "DE", name: "Frankfurt" }, windowStart: iso(420), windowEnd: iso(600), loadState: "loaded", weightKg: 12000 },
        ],
      },
    ],
    availability: [
      { externalUnitId: "TEST-TRUCK-2", availableFrom: iso(60), availableTo: iso(60 * 48), origin: { lat: 50.1, lng: 8.6, postalCode: "60311", country: "DE", radiusKm: 50 }, preferredDestination: { region: "Ruhr", country: "DE" }, bodyType: "tautliner", capacityKg: 24000 },
    ],
  };
};
