// The front door caps a message at 10,000 positions and 1,000 plans (MAX_ENTRIES). A pop is at
// most 500 messages unless Webfleet raised the account's cap, so splitting is rare; halving the
// batch until each part fits keeps each queue message whole and every part's record keys exact.
import { MAX_ENTRIES } from "@/lib/ingest/normalize/normalize-envelope";
import type { TWebfleetMappedPage, TWebfleetQueueMessage } from "./types";

const fits = ({ envelope }: TWebfleetMappedPage) => envelope.positions.length <= MAX_ENTRIES.positions && envelope.plans.length <= MAX_ENTRIES.plans;

/** Maps a popped batch as one or more parts, each within the front door's caps, in queue order. */
export const splitWebfleetPage = ({ messages, map }: { messages: readonly TWebfleetQueueMessage[]; map: (messages: readonly TWebfleetQueueMessage[]) => TWebfleetMappedPage }): TWebfleetMappedPage[] => {
  const mapped = map(messages);
  // One queue message makes at most one position and one plan, so a single message always fits.
  if (messages.length <= 1 || fits(mapped)) return [mapped];
  const middle = Math.ceil(messages.length / 2);
  return [...splitWebfleetPage({ messages: messages.slice(0, middle), map }), ...splitWebfleetPage({ messages: messages.slice(middle), map })];
};
