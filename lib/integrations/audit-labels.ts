import type { ConnectionAuditAction } from "@/lib/db/generated/enums";

const labels: Record<ConnectionAuditAction, string> = {
  created: "Created the connection",
  token_rotated: "Rotated the token",
  secret_rotated: "Rotated the signing secret",
  token_grace_ended: "Ended the previous token's grace",
  secret_grace_ended: "Ended the previous secret's grace",
  paused: "Paused the connection",
  resumed: "Resumed the connection",
  renamed: "Renamed the connection",
  settings_changed: "Changed settings",
  deleted: "Deleted the connection",
  test_sent: "Sent a test message",
  message_retried: "Retried a failed message",
  callback_endpoint_added: "Added a callback endpoint",
  callback_endpoint_updated: "Edited a callback endpoint",
  callback_endpoint_paused: "Paused a callback endpoint",
  callback_endpoint_resumed: "Resumed a callback endpoint",
  callback_endpoint_deleted: "Deleted a callback endpoint",
  callback_secret_rotated: "Rotated a callback signing secret",
  callback_endpoint_failing: "Callback endpoint started failing",
  callback_endpoint_recovered: "Callback endpoint recovered",
  callback_endpoint_disabled: "Callback endpoint was disabled",
  callback_deliveries_recovered: "Re-queued failed callback deliveries",
  callback_test_sent: "Sent a test event to a callback endpoint",
};

/** Words for an audit action, as shown on the connection's page. */
export const auditLabel = (action: ConnectionAuditAction): string => labels[action];
