import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButtonForm } from "@/components/ui/action-button-form";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format-date";
import { DeleteEndpointDialog } from "@/components/callbacks/delete-endpoint-dialog";
import { DeliveryDetail } from "@/components/callbacks/delivery-detail";
import { DeliveryLog } from "@/components/callbacks/delivery-log";
import { EditEndpointForm } from "@/components/callbacks/edit-endpoint-form";
import { EndpointHealthAlert, EndpointStatusBadge, lastDeliveryText, successRateText } from "@/components/callbacks/endpoint-status";
import { RecoverFailedForm } from "@/components/callbacks/recover-failed-form";
import { RotateEndpointSecret } from "@/components/callbacks/rotate-endpoint-secret";
import { SendTestEvent } from "@/components/callbacks/send-test-event";
import { requireUser } from "@/lib/auth/require-user";
import { isCallbackEventName } from "@/lib/callbacks/catalogue";
import { findDelivery } from "@/lib/callbacks/endpoints/find-delivery";
import { findEndpointView } from "@/lib/callbacks/endpoints/find-endpoint-view";
import { listDeliveries } from "@/lib/callbacks/endpoints/list-deliveries";
import { DELIVERY_STATUSES } from "@/lib/callbacks/endpoints/types";
import { isAppError } from "@/lib/errors/app-error";
import {
  deleteCallbackEndpointAction, pauseCallbackEndpointAction, recoverCallbackDeliveriesAction, resendCallbackDeliveryAction,
  resumeCallbackEndpointAction, rotateCallbackSecretAction, sendCallbackTestAction, updateCallbackEndpointAction,
} from "../../../callback-actions";

export const metadata: Metadata = { title: "Callback endpoint" };

type TProps = {
  params: Promise<{ connectionId: string; endpointId: string }>;
  searchParams: Promise<{ status?: string; event?: string; page?: string; delivery?: string }>;
};

// A day back, as the datetime-local input wants it (UTC, minutes).
const dayAgo = () => new Date(Date.now() - 24 * 3_600_000).toISOString().slice(0, 16);

const CallbackEndpointPage = async ({ params, searchParams }: TProps) => {
  const user = await requireUser();
  const { connectionId, endpointId } = await params;
  const query = await searchParams;
  const endpoint = await findEndpointView({ companyId: user.companyId, endpointId });
  // Another company's endpoint, a deleted one, or one under another connection's path: not found.
  if (!endpoint || endpoint.connectionId !== connectionId) notFound();
  const status = DELIVERY_STATUSES.find((s) => s === query.status);
  const event = query.event && isCallbackEventName(query.event) ? query.event : undefined;
  const page = Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1);
  const log = await listDeliveries({ companyId: user.companyId, endpointId, status, eventName: event, page });
  const detail = query.delivery
    ? await findDelivery({ companyId: user.companyId, deliveryId: query.delivery }).catch((error: unknown) => {
        if (isAppError(error) && error.code === "not_found") return null;
        throw error;
      })
    : null;
  // Members and deleted connections: everything visible, nothing to press.
  const canEdit = user.role === "admin" && !endpoint.connectionDeleted;
  const name = endpoint.description || endpoint.url;
  const basePath = `/fleet/integrations/${connectionId}/callbacks/${endpointId}`;

  return (
    <div className="space-y-6">
      <Link href={`/fleet/integrations/${connectionId}`} className="text-sm text-brand-700 underline">← Connection</Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-all">Callback endpoint: {name}</h1>
        <EndpointStatusBadge endpoint={endpoint} />
      </div>
      {endpoint.connectionDeleted ? <p role="note" className="rounded-md border border-slate-300 bg-slate-50 p-4 text-sm text-slate-800">Its connection is deleted: this endpoint is read-only.</p> : null}
      <EndpointHealthAlert endpoint={endpoint} />
      <Card title="Details">
        <dl className="grid grid-cols-[12rem_1fr] gap-2 text-sm">
          <dt className="text-slate-500">Callback URL</dt><dd className="font-mono text-xs break-all">{endpoint.url}</dd>
          <dt className="text-slate-500">Description</dt><dd>{endpoint.description || <span className="text-slate-500">None</span>}</dd>
          <dt className="text-slate-500">Event types</dt><dd>{endpoint.eventTypes.length === 0 ? "All events" : endpoint.eventTypes.map((n) => <code key={n} className="mr-2">{n}</code>)}</dd>
          <dt className="text-slate-500">Success rate</dt><dd>{successRateText(endpoint)}</dd>
          <dt className="text-slate-500">Last delivery</dt><dd>{lastDeliveryText(endpoint)}</dd>
          <dt className="text-slate-500">Waiting</dt><dd>{endpoint.retrying} retrying, {endpoint.held} held, {endpoint.exhausted} exhausted</dd>
          <dt className="text-slate-500">Signing secret</dt><dd className="font-mono text-xs">{endpoint.secretHint}</dd>
          <dt className="text-slate-500">Secret issued</dt><dd>{formatDateTime(endpoint.secretIssuedAt)}{endpoint.previousSecretExpiresAt ? `; the previous secret also signs until ${formatDateTime(endpoint.previousSecretExpiresAt)}` : ""}</dd>
          <dt className="text-slate-500">Added</dt><dd>{formatDateTime(endpoint.createdAt)}</dd>
        </dl>
      </Card>
      {canEdit ? (
        <>
          <Card title="Test the endpoint"><SendTestEvent endpointId={endpointId} sendTestAction={sendCallbackTestAction} /></Card>
          <Card title="Status and secret">
            <div className="space-y-4">
              <div className="flex flex-wrap items-center gap-3 text-sm">
                {endpoint.status === "active" ? (
                  <><span>Pausing holds new events (nothing is lost) until you resume.</span><ActionButtonForm action={pauseCallbackEndpointAction} fields={{ endpointId }} label="Pause" accessibleLabel={`Pause ${name}`} /></>
                ) : endpoint.status === "paused" ? (
                  <><span>Resuming sends the {endpoint.held} held event{endpoint.held === 1 ? "" : "s"}.</span><ActionButtonForm action={resumeCallbackEndpointAction} fields={{ endpointId }} label="Resume" accessibleLabel={`Resume ${name}`} /></>
                ) : (
                  <><span>Re-enabling clears the failure streak and sends the {endpoint.held} held event{endpoint.held === 1 ? "" : "s"}.</span><ActionButtonForm action={resumeCallbackEndpointAction} fields={{ endpointId }} label="Re-enable" accessibleLabel={`Re-enable ${name}`} /></>
                )}
              </div>
              <RotateEndpointSecret endpointId={endpointId} rotateAction={rotateCallbackSecretAction} />
            </div>
          </Card>
          <Card title="Edit endpoint"><EditEndpointForm endpoint={endpoint} updateAction={updateCallbackEndpointAction} /></Card>
        </>
      ) : null}
      <Card title="Delivery log">
        <div className="space-y-6">
          {canEdit ? <RecoverFailedForm endpointId={endpointId} defaultSince={dayAgo()} recoverAction={recoverCallbackDeliveriesAction} /> : null}
          <DeliveryLog basePath={basePath} deliveries={log.deliveries} filters={{ status, event }} page={log.page} hasMore={log.hasMore} canResend={canEdit} resendAction={resendCallbackDeliveryAction} />
        </div>
      </Card>
      {detail && detail.endpointId === endpointId ? <DeliveryDetail delivery={detail} /> : null}
      {canEdit ? <Card title="Delete endpoint"><DeleteEndpointDialog endpointId={endpointId} name={endpoint.url} deleteAction={deleteCallbackEndpointAction} /></Card> : null}
    </div>
  );
};

export default CallbackEndpointPage;
