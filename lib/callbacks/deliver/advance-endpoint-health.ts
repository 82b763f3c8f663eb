// An endpoint's failure streak, advanced by one attempt. Like Svix: a notice
// on the 4th failure in a row and on the first success after it, and the
// endpoint disabled (never silently: a notice) once every attempt for 5 days
// has failed.
export const FAILING_NOTICE_AFTER = 4;
export const AUTO_DISABLE_AFTER_MS = 5 * 24 * 3_600_000;

export type THealth = { status: "active" | "paused" | "disabled"; consecutiveFailures: number; failingSince: Date | null; lastError: string | null; disabledReason: string | null; disabledAt: Date | null };
export type THealthNotice = "failing" | "recovered" | "disabled";

/** The endpoint's health after one attempt (`disableFor`: the receiver asked to be disabled), and the notices it calls for. */
export const advanceEndpointHealth = ({ health, succeeded, at, error, disableFor }: { health: THealth; succeeded: boolean; at: Date; error: string | null; disableFor: "gone" | "receiver_disable" | null }): { health: THealth; notices: THealthNotice[] } => {
  const notices: THealthNotice[] = [];
  let next: THealth;
  if (succeeded) {
    if (health.consecutiveFailures >= FAILING_NOTICE_AFTER) notices.push("recovered");
    next = { ...health, consecutiveFailures: 0, failingSince: null, lastError: null };
  } else {
    const consecutiveFailures = health.consecutiveFailures + 1;
    const failingSince = health.failingSince ?? at;
    next = { ...health, consecutiveFailures, failingSince, lastError: error };
    if (consecutiveFailures === FAILING_NOTICE_AFTER) notices.push("failing");
    if (next.status !== "disabled" && at.getTime() - failingSince.getTime() >= AUTO_DISABLE_AFTER_MS) {
      next = { ...next, status: "disabled", disabledReason: "failing", disabledAt: at };
      notices.push("disabled");
    }
  }
  if (disableFor && next.status !== "disabled") {
    next = { ...next, status: "disabled", disabledReason: disableFor, disabledAt: at };
    notices.push("disabled");
  }
  return { health: next, notices };
};
