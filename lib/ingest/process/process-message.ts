// Processes one landed message in idempotent steps. The same steps run as
// Inngest steps (inngest/functions/process-inbound-message.ts) or directly,
// in this process, when Inngest is not configured.
import type { TCounts } from "@/lib/ingest/normalize/types";
import { claimMessage } from "./claim-message";
import { finishReceipt } from "./finish-receipt";
import { forgetNormalizedMessage, loadNormalizedMessage, type TLoadedMessage } from "./load-normalized-message";
import { notifyListeners } from "./notify-listeners";
import { unitIdsOf, upsertUnits } from "./upsert-units";
import { upsertOffers } from "./upsert-offers";
import { upsertPlans } from "./upsert-plans";
import { writePositions } from "./write-positions";

/** Runs a named step: Inngest's step.run, or a plain call. */
export type TRunStep = <T>(id: string, work: () => Promise<T>) => Promise<T>;

export type TProcessOutcome = { status: "processed" | "skipped"; counts?: TCounts };

const load = async (messageId: string): Promise<TLoadedMessage> => {
  const message = await loadNormalizedMessage({ messageId });
  if (!message) throw new Error(`Message ${messageId} does not exist`);
  return message;
};

/** Processes a message. Skips one that is already processed, so a message is processed once. */
export const processMessage = async ({ messageId, runStep }: { messageId: string; runStep: TRunStep }): Promise<TProcessOutcome> => {
  const claimed = await runStep("claim-message", () => claimMessage({ messageId }));
  if (!claimed) return { status: "skipped" };

  // A dry run (the portal's "Send test") is validated and counted but writes no fleet data.
  await runStep("upsert-units", async () => {
    const m = await load(messageId);
    if (!m.dryRun) await upsertUnits({ companyId: m.companyId, externalUnitIds: unitIdsOf(m.normalized) });
    return null;
  });
  const positions = await runStep("write-positions", async () => {
    const m = await load(messageId);
    const { positions } = m.normalized;
    return m.dryRun ? { accepted: positions.length, duplicate: 0 } : writePositions({ companyId: m.companyId, messageId, positions });
  });
  const plans = await runStep("upsert-plans", async () => {
    const m = await load(messageId);
    return m.dryRun ? { accepted: m.normalized.plans.length, stale: 0, issues: [] } : upsertPlans({ companyId: m.companyId, messageId, receivedAt: m.receivedAt, plans: m.normalized.plans });
  });
  const offers = await runStep("upsert-availability", async () => {
    const m = await load(messageId);
    return m.dryRun ? m.normalized.offers.length : upsertOffers({ companyId: m.companyId, messageId, receivedAt: m.receivedAt, offers: m.normalized.offers });
  });
  const counts = await runStep("finish-receipt", async () => {
    const m = await load(messageId);
    const counts = structuredClone(m.normalized.counts);
    counts.positions.accepted = positions.accepted;
    counts.positions.duplicate += positions.duplicate;
    counts.plans.accepted = plans.accepted;
    counts.plans.stale += plans.stale;
    counts.availability.accepted = offers;
    await finishReceipt({ messageId, counts, issues: [...m.normalized.issues, ...plans.issues] });
    return counts;
  });
  await runStep("notify-listeners", async () => {
    const m = await load(messageId);
    if (!m.dryRun) await notifyListeners({ companyId: m.companyId, messageId });
    forgetNormalizedMessage(messageId);
    return null;
  });
  return { status: "processed", counts };
};
