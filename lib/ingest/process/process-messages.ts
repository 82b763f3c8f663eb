// Processes landed messages in idempotent, set-based steps: many messages
// share one statement per stage, which is where the throughput comes from.
// The same steps run as Inngest steps (inngest/functions/) or directly in
// this process when Inngest is not configured.
import type { TCounts } from "@/lib/ingest/normalize/types";
import { claimMessages } from "./claim-messages";
import { finishReceipts } from "./finish-receipt";
import { forgetNormalizedMessage, loadNormalizedMessage, type TLoadedMessage } from "./load-normalized-message";
import { notifyListeners } from "./notify-listeners";
import { unitIdsOf, upsertUnits } from "./upsert-units";
import { upsertOffers } from "./upsert-offers";
import { upsertPlans, type TPlanResult } from "./upsert-plans";
import { writePositions, type TPositionResult } from "./write-positions";

/** Runs a named step: Inngest's step.run, or a plain call. */
export type TRunStep = <T>(id: string, work: () => Promise<T>) => Promise<T>;

export type TBatchOutcome = { processed: Record<string, TCounts>; skipped: string[] };

const loadAll = async (messageIds: string[]): Promise<TLoadedMessage[]> =>
  Promise.all(
    messageIds.map(async (messageId) => {
      const message = await loadNormalizedMessage({ messageId });
      if (!message) throw new Error(`Message ${messageId} does not exist`);
      return message;
    }),
  );

const byCompany = (messages: TLoadedMessage[]): Map<string, TLoadedMessage[]> => {
  const groups = new Map<string, TLoadedMessage[]>();
  for (const m of messages) groups.set(m.companyId, [...(groups.get(m.companyId) ?? []), m]);
  return groups;
};

/** Processes messages; those already processed are skipped, so each is processed once. */
export const processMessages = async ({ messageIds, runStep }: { messageIds: string[]; runStep: TRunStep }): Promise<TBatchOutcome> => {
  const claimed = await runStep("claim-messages", () => claimMessages({ messageIds }));
  const skipped = messageIds.filter((id) => !claimed.includes(id));
  if (claimed.length === 0) return { processed: {}, skipped };
  // Dry runs (the portal's "Send test") are validated and counted but write no fleet data.
  const live = async () => (await loadAll(claimed)).filter((m) => !m.dryRun);

  await runStep("upsert-units", async () => {
    for (const [companyId, messages] of byCompany(await live())) {
      await upsertUnits({ companyId, externalUnitIds: [...new Set(messages.flatMap((m) => unitIdsOf(m.normalized)))].sort() });
    }
    return null;
  });
  const positions = await runStep("write-positions", async () => {
    const results: Record<string, TPositionResult> = {};
    for (const [companyId, messages] of byCompany(await live())) {
      Object.assign(results, await writePositions({ companyId, messages: messages.map((m) => ({ messageId: m.id, positions: m.normalized.positions })) }));
    }
    return results;
  });
  const plans = await runStep("upsert-plans", async () => {
    const results: Record<string, TPlanResult> = {};
    for (const m of await live()) results[m.id] = await upsertPlans({ companyId: m.companyId, messageId: m.id, receivedAt: m.receivedAt, plans: m.normalized.plans });
    return results;
  });
  const offers = await runStep("upsert-availability", async () => {
    const results: Record<string, number> = {};
    for (const m of await live()) results[m.id] = await upsertOffers({ companyId: m.companyId, messageId: m.id, receivedAt: m.receivedAt, offers: m.normalized.offers });
    return results;
  });
  const processed = await runStep("finish-receipts", async () => {
    const receipts = (await loadAll(claimed)).map((m) => {
      const counts = structuredClone(m.normalized.counts);
      const p = positions[m.id] ?? { accepted: m.normalized.positions.length, duplicate: 0 };
      const plan = plans[m.id] ?? { accepted: m.normalized.plans.length, stale: 0, issues: [] };
      counts.positions.accepted = p.accepted;
      counts.positions.duplicate += p.duplicate;
      counts.plans.accepted = plan.accepted;
      counts.plans.stale += plan.stale;
      counts.availability.accepted = offers[m.id] ?? m.normalized.offers.length;
      return { messageId: m.id, counts, issues: [...m.normalized.issues, ...plan.issues] };
    });
    await finishReceipts({ receipts });
    return Object.fromEntries(receipts.map((r) => [r.messageId, r.counts]));
  });
  await runStep("notify-listeners", async () => {
    for (const [companyId, messages] of byCompany(await live())) await notifyListeners({ companyId, messageIds: messages.map((m) => m.id) });
    claimed.forEach(forgetNormalizedMessage);
    return null;
  });
  return { processed, skipped };
};
