// Route entities of type Plan → canonical plans (connector-protocols.md §2.5): route id → externalPlanId, the
// route's device → unit, routePlanItemCollection in `sequence` order → legs at the zone's centre, named after it,
// within the item's active window.
import type { TEnvelopeLeg, TEnvelopePlan } from "./geotab-envelope";
import type { TDevice, TGeotabSettings, TRoute, TZone } from "./geotab-types";
import { resolveUnitId } from "./resolve-unit-id";

/** The mean of a zone's corners (its closing point, a repeat of the first, counted once). */
const centreOf = (zone: TZone): { lat: number; lng: number } | null => {
  const points = zone.points.length > 1 && zone.points[0]!.x === zone.points.at(-1)!.x && zone.points[0]!.y === zone.points.at(-1)!.y ? zone.points.slice(0, -1) : zone.points;
  if (points.length === 0) return null;
  const sum = points.reduce((total, point) => ({ x: total.x + point.x, y: total.y + point.y }), { x: 0, y: 0 });
  return { lat: Math.round((sum.y / points.length) * 1e6) / 1e6, lng: Math.round((sum.x / points.length) * 1e6) / 1e6 };
};

/** Maps plan routes; `recordKeys[i]` is plan i's route id. Basic routes are skipped. */
export const mapGeotabPlans = ({ routes, zones, devices, unitIdFrom }: { routes: TRoute[]; zones: TZone[]; devices: TDevice[]; unitIdFrom: TGeotabSettings["unitIdFrom"] }) => {
  const zoneById = new Map(zones.map((zone) => [zone.id, zone]));
  const deviceById = new Map(devices.map((device) => [device.id, device]));
  const plans: TEnvelopePlan[] = [];
  const recordKeys: string[] = [];
  for (const route of routes) {
    if (route.routeType !== "Plan") continue;
    const items = [...route.routePlanItemCollection].sort((a, b) => a.sequence - b.sequence);
    const legs = items.map((item): TEnvelopeLeg => {
      const zone = zoneById.get(item.zone.id);
      const centre = zone ? centreOf(zone) : null;
      const name = zone?.name?.trim();
      const place = { ...(centre ?? {}), ...(name ? { name } : {}) };
      return {
        seq: item.sequence,
        // A MyGeotab plan stop says nothing of loading or unloading; a stop at a customer is a delivery.
        kind: "delivery",
        ...(Object.keys(place).length > 0 ? { place } : {}),
        ...(item.activeFrom ? { windowStart: item.activeFrom } : {}),
        ...(item.activeTo ? { windowEnd: item.activeTo } : {}),
      };
    });
    const deviceId = route.device?.id;
    plans.push({
      ...(deviceId ? { externalUnitId: resolveUnitId({ deviceId, device: deviceById.get(deviceId), unitIdFrom }) } : {}),
      externalPlanId: route.id,
      // MyGeotab keeps no progress on a plan: it stays planned until the portal's own tracking says otherwise.
      status: "planned",
      legs,
    });
    recordKeys.push(route.id);
  }
  return { plans, recordKeys };
};
