import type { TConnectorSlug } from "./connectors";

/** A connection as pages show it: no credential material, only hints. */
export type TConnectionView = {
  id: string;
  name: string;
  connector: TConnectorSlug;
  connectorLabel: string;
  status: "active" | "paused";
  tokenHint: string;
  tokenIssuedAt: Date;
  previousTokenExpiresAt: Date | null;
  secretHint: string;
  secretIssuedAt: Date;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  createdByName: string | null;
  /** Set once deleted: the connection is then read-only, kept for its audit trail and messages. */
  deletedAt: Date | null;
  lastMessageAt: Date | null;
  messages24h: number;
  dropped24h: number;
  settings: unknown;
};

