import type { TConnectorSlug } from "./connectors";

/** The front-door path for a connection (API specification, "Push fleet data"). */
export const inboundPath = ({ connector, token }: { connector: TConnectorSlug; token: string }): string =>
  `/api/v1/carriers-module/my-company/integrations/inbound/${connector}/${token}`;

/** The full inbound URL that integrators POST to. */
export const inboundUrl = ({ origin, connector, token }: { origin: string; connector: TConnectorSlug; token: string }): string =>
  `${origin.replace(/\/$/, "")}${inboundPath({ connector, token })}`;
