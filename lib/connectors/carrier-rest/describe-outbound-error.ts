// The outbound module's failures (no response at all) as scheduler errors.
import type { TOutboundError } from "@/lib/net/send-outbound-request";
import type { TConnectorError } from "./types";

/** blocked_address stays itself (the allow-list decides), timeouts and network errors are transient, a bad URL is permanent. */
export const describeOutboundError = ({ error, what }: { error: TOutboundError; what: string }): TConnectorError => {
  switch (error.code) {
    case "blocked_address":
      return { kind: "blocked_address", message: error.message };
    case "timeout":
      return { kind: "transient", message: `${what} did not answer in time: ${error.message}` };
    case "network_error":
      return { kind: "transient", message: `${what} could not be reached: ${error.message}` };
    case "invalid_url":
      return { kind: "permanent", message: `${what} URL cannot be used: ${error.message}` };
  }
};
