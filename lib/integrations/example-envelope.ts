// The example envelope from the Carrier Integration API specification.
export const EXAMPLE_ENVELOPE = {
  positions: [
    { externalUnitId: "TRK-1", at: "2026-07-01T10:00:00Z", lat: 48.13, lng: 11.57, speedKmh: 80, headingDeg: 270, isMoving: true, ignitionOn: true, driverName: "M. Muster" },
  ],
  plans: [
    {
      externalUnitId: "TRK-1",
      externalPlanId: "TOUR-42",
      status: "planned",
      legs: [
        {
          seq: 0,
          kind: "pickup",
          place: { lat: 48.1, lng: 11.5, postalCode: "80331", country: "DE", name: "Muenchen" },
          windowStart: "2026-07-02T08:00:00Z",
          windowEnd: "2026-07-02T12:00:00Z",
          loadState: "empty",
          goodsDescription: "Paletten",
          weightKg: 12000,
        },
      ],
    },
  ],
  availability: [
    {
      externalUnitId: "TRK-2",
      externalOfferId: "OFFER-7",
      availableFrom: "2026-07-03T00:00:00Z",
      availableTo: "2026-07-05T00:00:00Z",
      origin: { lat: 50.1, lng: 8.6, postalCode: "60311", country: "DE", radiusKm: 50 },
      preferredDestination: { region: "Ruhr", country: "DE" },
      bodyType: "tautliner",
      capacityKg: 24000,
    },
  ],
} as const;
