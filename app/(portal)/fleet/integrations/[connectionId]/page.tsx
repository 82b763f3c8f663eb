import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButtonForm } from "@/components/ui/action-button-form";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format-date";
import { AuditTrail } from "@/components/integrations/audit-trail";
import { DeleteConnectionForm } from "@/components/integrations/delete-connection-form";
import { RenameConnectionForm } from "@/components/integrations/rename-connection-form";
import { RotateCredential } from "@/components/integrations/rotate-credential";
import { StatusBadge } from "@/components/integrations/status-badge";
import { requireUser } from "@/lib/auth/require-user";
import { getPublicOrigin } from "@/lib/http/public-origin";
import { findConnection } from "@/lib/integrations/find-connection";
import { inboundUrl } from "@/lib/integrations/inbound-url";
import { listAuditEvents } from "@/lib/integrations/list-audit-events";
import { MessagesList } from "@/components/integrations/messages-list";
import { SendTest } from "@/components/integrations/send-test";
import { SettingsForm } from "@/components/integrations/settings-form";
import { readSettings } from "@/lib/integrations/connection-settings";
import { listMessages, MESSAGE_STATUSES, type TMessageStatus } from "@/lib/ingest/messages/list-messages";
import { CallbacksCard } from "@/components/callbacks/callbacks-card";
import { listEndpoints } from "@/lib/callbacks/endpoints/list-endpoints";
import { addCallbackEndpointAction } from "../callback-actions";
import { deleteAction, endGraceAction, renameAction, retryMessageAction, rotateCredentialAction, sendTestAction, setStatusAction, updateSettingsAction } from "../actions";

export const metadata: Metadata = { title: "Connection" };

type TProps = { params: Promise<{ connectionId: string }>; searchParams: Promise<{ status?: string }> };

const ConnectionPage = async ({ params, searchParams }: TProps) => {
  const user = await requireUser();
  const { connectionId } = await params;
  const requested = (await searchParams).status;
  const status = MESSAGE_STATUSES.find((s) => s === requested) as TMessageStatus | undefined;
  // Deleted connections open too, read-only, for their audit trail and messages; another company's stay not found.
  const connection = await findConnection({ companyId: user.companyId, connectionId, includeDeleted: true });
  if (!connection) notFound();
  const [events, origin, messages, endpoints] = await Promise.all([
    listAuditEvents({ companyId: user.companyId, connectionId }),
    getPublicOrigin(),
    listMessages({ companyId: user.companyId, connectionId, status }),
    listEndpoints({ companyId: user.companyId, connectionId }),
  ]);
  const deleted = connection.deletedAt !== null;
  // No credential or settings actions on a deleted connection: they would all answer not found.
  const isAdmin = user.role === "admin" && !deleted;
  const deletedBy = events.find((e) => e.action === "deleted")?.actorName;
  const maskedUrl = inboundUrl({ origin, connector: connection.connector, token: connection.tokenHint });

  return (
    <div className="space-y-6">
      <Link href={deleted ? "/fleet/integrations?show=deleted" : "/fleet/integrations"} className="text-sm text-brand-700 underline">← Integrations</Link>
      <div className="flex items-center gap-3">
        <h1 className="text-2xl font-semibold">{connection.name}</h1>
        <StatusBadge status={deleted ? "deleted" : connection.status} />
      </div>
      {connection.deletedAt ? (
        <p role="note" className="rounded-md border border-slate-300 bg-slate-50 p-4 text-sm text-slate-800">
          Deleted {formatDateTime(connection.deletedAt)}{deletedBy ? ` by ${deletedBy}` : ""}. This connection is read-only: its inbound URL and
          signing secret no longer work. Its messages and audit trail are kept.
        </p>
      ) : null}
      <Card title="Details">
        <dl className="grid grid-cols-[12rem_1fr] gap-2 text-sm">
          <dt className="text-slate-500">Connector</dt><dd>{connection.connectorLabel}</dd>
          <dt className="text-slate-500">Created</dt><dd>{formatDateTime(connection.createdAt)}{connection.createdByName ? ` by ${connection.createdByName}` : ""}</dd>
          <dt className="text-slate-500">Last message</dt><dd>{connection.lastMessageAt ? formatDateTime(connection.lastMessageAt) : "No messages yet"}</dd>
          <dt className="text-slate-500">Last 24 hours</dt><dd>{connection.messages24h} message{connection.messages24h === 1 ? "" : "s"}, {connection.dropped24h} dropped entr{connection.dropped24h === 1 ? "y" : "ies"}</dd>
          <dt className="text-slate-500">Inbound URL</dt><dd className="font-mono text-xs break-all">{maskedUrl}{deleted ? <span className="font-sans"> (no longer works)</span> : null}</dd>
          <dt className="text-slate-500">Token issued</dt><dd>{formatDateTime(connection.tokenIssuedAt)}</dd>
          <dt className="text-slate-500">Signing secret</dt><dd className="font-mono text-xs">{connection.secretHint}</dd>
          <dt className="text-slate-500">Secret issued</dt><dd>{formatDateTime(connection.secretIssuedAt)}</dd>
        </dl>
      </Card>
      {deleted ? null : <Card title="Credentials">
        <div className="space-y-4">
          {(["token", "secret"] as const).map((credential) => {
            const until = credential === "token" ? connection.previousTokenExpiresAt : connection.previousSecretExpiresAt;
            return (
              <div key={credential} className="space-y-2">
                <h3 className="text-sm font-semibold text-slate-800">{credential === "token" ? "Inbound token" : "Signing secret"}</h3>
                {until ? (
                  <div className="flex items-center gap-3 text-sm">
                    <p>The previous {credential} keeps working until <strong>{formatDateTime(until)}</strong>.</p>
                    {isAdmin ? <ActionButtonForm action={endGraceAction} fields={{ connectionId, credential }} label="End grace now" accessibleLabel={`End grace now for the previous ${credential}`} /> : null}
                  </div>
                ) : (
                  <p className="text-sm text-slate-600">No previous {credential} is valid.</p>
                )}
                {isAdmin ? <RotateCredential connectionId={connectionId} credential={credential} rotateAction={rotateCredentialAction} /> : null}
              </div>
            );
          })}
        </div>
      </Card>}
      {isAdmin ? <Card title="Test the connection"><SendTest connectionId={connectionId} sendTestAction={sendTestAction} /></Card> : null}
      <Card title="Messages">
        <MessagesList connectionId={connectionId} messages={messages} status={status} canRetry={isAdmin} retryMessageAction={retryMessageAction} />
      </Card>
      <CallbacksCard connectionId={connectionId} endpoints={endpoints} canEdit={isAdmin} addAction={addCallbackEndpointAction} />
      {isAdmin ? (
        <Card title="Settings">
          <div className="space-y-4">
            <RenameConnectionForm connectionId={connectionId} name={connection.name} renameAction={renameAction} />
            <SettingsForm connectionId={connectionId} settings={readSettings(connection.settings)} updateSettingsAction={updateSettingsAction} />
            <div className="flex items-center gap-3 text-sm">
              <span>{connection.status === "active" ? "Pausing makes the inbound URL answer 403 until you resume." : "Paused: the inbound URL answers 403."}</span>
              <ActionButtonForm action={setStatusAction} fields={{ connectionId, status: connection.status === "active" ? "paused" : "active" }} label={connection.status === "active" ? "Pause" : "Resume"} />
            </div>
          </div>
        </Card>
      ) : null}
      <Card title="Audit trail"><AuditTrail events={events} /></Card>
      {isAdmin ? <Card title="Delete connection"><DeleteConnectionForm connectionId={connectionId} name={connection.name} deleteAction={deleteAction} /></Card> : null}
    </div>
  );
};

export default ConnectionPage;
