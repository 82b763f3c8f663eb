import Link from "next/link";
import { Card } from "@/components/ui/card";
import { MAX_ENDPOINTS_PER_CONNECTION } from "@/lib/callbacks/endpoints/schemas";
import type { TEndpointView } from "@/lib/callbacks/endpoints/types";
import type { TActionResult } from "@/lib/errors/action-result";
import type { TEndpointReveal } from "@/app/(portal)/fleet/integrations/callback-actions";
import { AddEndpointForm } from "./add-endpoint-form";
import { EndpointHealthAlert, EndpointStatusBadge, lastDeliveryText, successRateText } from "./endpoint-status";

type TProps = {
  connectionId: string;
  endpoints: TEndpointView[];
  /** Admin of a live connection: may add endpoints. */
  canEdit: boolean;
  addAction: (prev: unknown, form: FormData) => Promise<TActionResult<TEndpointReveal>>;
};

const eventsText = (e: TEndpointView) => (e.eventTypes.length === 0 ? "All events" : `${e.eventTypes.length} event type${e.eventTypes.length === 1 ? "" : "s"}`);

/** The connection's "Callbacks" section: its endpoints with their health, and for admins the form to add one. */
export const CallbacksCard = ({ connectionId, endpoints, canEdit, addAction }: TProps) => (
  <Card title="Callbacks" actions={<Link href="/fleet/integrations/callback-events" className="text-sm text-brand-700 underline">Callback events</Link>}>
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-slate-700">
        Callback endpoints receive a signed POST for each event about what this connection sends: messages processed, plans and offers stored or
        changed, vehicles going silent. Failed deliveries are retried for about a day; nothing is lost while an endpoint is paused or disabled.
      </p>
      {endpoints.length === 0 ? (
        <p className="text-sm text-slate-600">No callback endpoints yet.{canEdit ? "" : " Ask a company admin to add one."}</p>
      ) : (
        <ul aria-label="Callback endpoints" className="divide-y divide-slate-100">
          {endpoints.map((e) => {
            const name = e.description || e.url;
            return (
              <li key={e.id} aria-label={name} className="space-y-2 py-3 text-sm">
                <div className="flex flex-wrap items-center gap-3">
                  <EndpointStatusBadge endpoint={e} />
                  <span className="font-mono text-xs break-all">{e.url}</span>
                  {e.description ? <span className="text-slate-600">{e.description}</span> : null}
                </div>
                <div className="flex flex-wrap gap-x-6 gap-y-1 text-slate-600">
                  <span>{eventsText(e)}</span>
                  <span>{successRateText(e)}</span>
                  <span>Last delivery: {lastDeliveryText(e)}</span>
                </div>
                <EndpointHealthAlert endpoint={e} />
                <Link href={`/fleet/integrations/${connectionId}/callbacks/${e.id}`} aria-label={`Delivery log and settings for ${name}`} className="inline-block text-brand-700 underline">
                  Delivery log and settings
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {canEdit ? <AddEndpointForm connectionId={connectionId} atLimit={endpoints.length >= MAX_ENDPOINTS_PER_CONNECTION} addAction={addAction} /> : null}
    </div>
  </Card>
);
