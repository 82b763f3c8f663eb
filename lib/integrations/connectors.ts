// The built-in connectors. The URL and the API speak in slugs
// ("inbound-webhook"); the database enum uses identifiers (inbound_webhook).
import { z } from "zod";
import type { Connector } from "@/lib/db/generated/enums";

export const CONNECTORS = [
  { id: "inbound_webhook", slug: "inbound-webhook", label: "Inbound webhook", description: "Your system pushes the canonical envelope to us." },
  { id: "carrier_rest", slug: "carrier-rest", label: "Carrier REST", description: "A carrier's own REST system." },
  { id: "webfleet", slug: "webfleet", label: "Webfleet", description: "Webfleet telematics." },
  { id: "geotab", slug: "geotab", label: "Geotab", description: "Geotab telematics." },
  { id: "email_csv", slug: "email-csv", label: "E-mail CSV", description: "CSV exports sent by e-mail." },
] as const satisfies readonly { id: Connector; slug: string; label: string; description: string }[];

export type TConnectorSlug = (typeof CONNECTORS)[number]["slug"];

export const ZConnectorSlug = z.enum(CONNECTORS.map((c) => c.slug) as [TConnectorSlug, ...TConnectorSlug[]], { error: "Choose a connector." });

/** The connector for a URL slug, or undefined for an unknown one. */
export const connectorBySlug = (slug: string) => CONNECTORS.find((c) => c.slug === slug);

/** The connector for a database value. */
export const connectorById = (id: Connector) => CONNECTORS.find((c) => c.id === id)!;
