// Processes landed messages in idempotent, set-based steps: many messages
// share one statement per stage, which is where the throughput comes from.
// The same steps run as Inngest steps (inngest/functions/) or directly in
// this process when Inngest is not configured. A run claims its messages
// exclusively with a token; only the holder writes the receipt.
import { randomUUID } from "node:crypto";
import type { TCounts, TIssue } from "@/lib/ingest/normalize/types";
import { claimMessages } from "./claim-messages";
import { finishReceipts } from "./finish-receipt";
import { forgetNormalizedMessage, loadNormalizedMessage, type TLoadedMessage } from "./load-normalized-message";
import { notifyListeners } from "./notify-listeners";
import { kickCallbackDeliveries } from "@/lib/callbacks/deliver/kick-callback-deliveries";
import { unitIdsOf, upsertUnits } from "./upsert-units";
import { upsertOffers, type TOfferResult } from "./upsert-offers";
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

type TStageResults = { positions: Record<string, TPositionResult>; plans: Record<string, TPlanResult>; offers: Record<string, TOfferResult> };

/** The receipt of one message from its normalisation and what the writes reported (a dry run wrote nothing: as normalised). */
const receiptOf = (m: TLoadedMessage, { positions, plans, offers }: TStageResults) => {
  const counts = structuredClone(m.normalized.counts);
  const p = positions[m.id] ?? { accepted: m.normalized.positions.length, duplicate: 0, issues: [] };
  const plan = plans[m.id] ?? { accepted: m.normalized.plans.length, stale: 0, issues: [] };
  const offer = offers[m.id] ?? { accepted: m.normalized.offers.length, stale: 0, issues: [] };
  counts.positions.accepted = p.accepted;
  counts.positions.duplicate += p.duplicate;
  counts.positions.dropped += p.issues.length;
  counts.plans.accepted = plan.accepted;
  counts.plans.stale += plan.stale;
  counts.plans.dropped += plan.issues.length - plan.stale;
  counts.availability.accepted = offer.accepted;
  counts.availability.stale += offer.stale;
  counts.availability.dropped += offer.issues.length - offer.stale;
  const issues: TIssue[] = [...m.normalized.issues, ...p.issues, ...plan.issues, ...offer.issues];
  const origin = m.dryRun ? undefined : { messageId: m.id, companyId: m.companyId, connectionId: m.connectionId, callbackUrl: m.normalized.callbackUrl, receivedAt: m.receivedAt };
  return { messageId: m.id, counts, issues, settings: m.settings, origin };
};

/** Processes messages under one claim; those processed or held by another run are skipped, so each is processed once. */
export const processMessages = async ({ messageIds, runStep, claimToken = randomUUID() }: { messageIds: string[]; runStep: TRunStep; claimToken?: string }): Promise<TBatchOutcome> => {
  // The token is step data: later steps (and re-invocations of an Inngest run) use the one the claim was made with.
  const claim = await runStep("claim-messages", async () => ({ token: claimToken, claimed: await claimMessages({ messageIds, claimToken }) }));
  const { claimed } = claim;
  if (claimed.length === 0) return { processed: {}, skipped: messageIds };
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
      Object.assign(results, await writePositions({ companyId, messages: messages.map((m) => ({ messageId: m.id, connectionId: m.connectionId, callbackUrl: m.normalized.callbackUrl, positions: m.normalized.positions })) }));
    }
    return results;
  });
  // Plans and offers one message at a time, in landing order, so a message's receipt does not depend on its batch.
  const plans = await runStep("upsert-plans", async () => {
    const results: Record<string, TPlanResult> = {};
    for (const m of await live()) results[m.id] = await upsertPlans({ companyId: m.companyId, connectionId: m.connectionId, messageId: m.id, receivedAt: m.receivedAt, plans: m.normalized.plans, callbackUrl: m.normalized.callbackUrl });
    return results;
  });
  const offers = await runStep("upsert-availability", async () => {
    const results: Record<string, TOfferResult> = {};
    for (const m of await live()) results[m.id] = await upsertOffers({ companyId: m.companyId, connectionId: m.connectionId, messageId: m.id, receivedAt: m.receivedAt, offers: m.normalized.offers, callbackUrl: m.normalized.callbackUrl });
    return results;
  });
  const processed = await runStep("finish-receipts", async () => {
    const receipts = (await loadAll(claimed)).map((m) => receiptOf(m, { positions, plans, offers }));
    const finished = new Set(await finishReceipts({ receipts, claimToken: claim.token }));
    return Object.fromEntries(receipts.filter((r) => finished.has(r.messageId)).map((r) => [r.messageId, r.counts]));
  });
  await runStep("notify-listeners", async () => {
    for (const [companyId, messages] of byCompany(await live())) {
      const ids = messages.map((m) => m.id).filter((id) => id in processed);
      if (ids.length > 0) await notifyListeners({ companyId, messageIds: ids });
    }
    claimed.forEach(forgetNormalizedMessage);
    return null;
  });
  // The events are committed with the writes above; their deliveries start now rather than at the next poll.
  await runStep("kick-callbacks", async () => {
    await kickCallbackDeliveries();
    return null;
  });
  return { processed, skipped: messageIds.filter((id) => !(id in processed)) };
};
