import { formatDateTime } from "@/components/ui/format-date";
import type { TDeliveryDetail } from "@/lib/callbacks/endpoints/types";
import { deliveryStatusLabel } from "./endpoint-status";

const pretty = (body: string) => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};

/** One delivery: its identifiers and the stored body (the exact bytes signed and sent on every attempt, shown indented). */
export const DeliveryDetail = ({ delivery }: { delivery: TDeliveryDetail }) => (
  <section id="delivery-detail" aria-label="Delivery detail" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
    <h2 className="mb-4 text-lg font-semibold text-slate-900">Delivery {delivery.id}</h2>
    <dl className="mb-4 grid grid-cols-[12rem_1fr] gap-2 text-sm">
      <dt className="text-slate-500">Event</dt><dd><code>{delivery.eventName}</code>, id <code>{delivery.objectId}</code>, sequence {delivery.sequence}</dd>
      <dt className="text-slate-500">webhook-id</dt><dd><code>{delivery.eventId}</code></dd>
      <dt className="text-slate-500">Occurred</dt><dd>{formatDateTime(delivery.occurredAt)}</dd>
      <dt className="text-slate-500">Status</dt><dd>{deliveryStatusLabel(delivery.status)}{delivery.nextAttemptAt ? `, next attempt ${formatDateTime(delivery.nextAttemptAt)}` : ""}</dd>
    </dl>
    <h3 className="mb-1 text-sm font-semibold text-slate-800">Body</h3>
    <p className="mb-2 text-xs text-slate-500">Shown indented; the body sent is compact JSON, byte for byte the same on every attempt.</p>
    <pre aria-label="Delivery body" className="max-h-96 overflow-auto rounded-md bg-slate-900 p-4 text-xs text-slate-100"><code>{pretty(delivery.body)}</code></pre>
  </section>
);
