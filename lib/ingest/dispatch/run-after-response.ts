import { after } from "next/server";

/**
 * Runs work after the response is sent (Next's after()). Outside a Next
 * request, as in tests driving the route handler over plain node:http, it
 * runs on the next turn instead. Not durable: the recovery sweep covers a crash.
 */
export const runAfterResponse = (task: () => Promise<void>): void => {
  const run = () => task().catch((error) => console.error("[after-response]", error));
  try {
    after(run);
  } catch {
    setImmediate(run);
  }
};
