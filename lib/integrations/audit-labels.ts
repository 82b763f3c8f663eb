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
};

/** Words for an audit action, as shown on the connection's page. */
export const auditLabel = (action: ConnectionAuditAction): string => labels[action];
