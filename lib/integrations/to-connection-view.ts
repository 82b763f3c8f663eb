import type { Connection } from "@/lib/db/generated/client";
import { connectorById } from "./connectors";
import { isInGrace } from "./grace";
import type { TMessageStats } from "./message-stats";
import type { TConnectionView } from "./types";

/** Shapes a row for display; a grace that has run out shows as none. */
export const toConnectionView = ({ row, stats, createdByName = null, now = new Date() }: { row: Connection; stats: TMessageStats; createdByName?: string | null; now?: Date }): TConnectionView => {
  const connector = connectorById(row.connector);
  return {
    id: row.id,
    name: row.name,
    connector: connector.slug,
    connectorLabel: connector.label,
    status: row.status,
    tokenHint: row.tokenHint,
    tokenIssuedAt: row.tokenIssuedAt,
    previousTokenExpiresAt: row.previousTokenHash && isInGrace({ expiresAt: row.previousTokenExpiresAt, now }) ? row.previousTokenExpiresAt : null,
    secretHint: row.secretHint,
    secretIssuedAt: row.secretIssuedAt,
    previousSecretExpiresAt: row.previousSecretCiphertext && isInGrace({ expiresAt: row.previousSecretExpiresAt, now }) ? row.previousSecretExpiresAt : null,
    createdAt: row.createdAt,
    createdByName,
    deletedAt: row.deletedAt,
    ...stats,
    settings: row.settings,
  };
};
