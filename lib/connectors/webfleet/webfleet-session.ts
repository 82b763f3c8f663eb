// What the Webfleet connector keeps between fetches (sealed with the connection): whether the
// queue was created, and the object and order reports with their times, so their 6/min quotas
// are spent at most every few minutes instead of on every 6-second pop.
import { z } from "zod";
import { ZWebfleetObjectReport, ZWebfleetOrderReport } from "./types";

const ZReport = <T extends z.ZodType>(rows: T) => z.object({ fetchedAt: z.iso.datetime(), rows });

export const ZWebfleetSession = z.object({
  queueCreatedAt: z.iso.datetime().optional(),
  objects: ZReport(ZWebfleetObjectReport).optional(),
  orders: ZReport(ZWebfleetOrderReport).optional(),
});
export type TWebfleetSession = z.infer<typeof ZWebfleetSession>;

/** A stored session; one that is missing or unreadable (an older shape) starts afresh, which only costs a report call. */
export const readWebfleetSession = (stored: unknown): TWebfleetSession => {
  const parsed = ZWebfleetSession.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
};
