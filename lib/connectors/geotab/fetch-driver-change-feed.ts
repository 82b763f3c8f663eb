// Driver assignments: the DriverChange feed (device, driver id stub, dateTime).
import { fetchGeotabFeed, type TFeedRequest } from "./fetch-geotab-feed";
import { ZDriverChange, type TDriverChange, type TEntityList, type TGeotabResult } from "./geotab-types";
import { parseEntityList } from "./parse-entity-list";

/** One page of the DriverChange feed; `full` means more are waiting. */
export const fetchDriverChangeFeed = async (request: TFeedRequest): Promise<TGeotabResult<TEntityList<TDriverChange> & { toVersion: string; full: boolean }>> => {
  const answer = await fetchGeotabFeed({ ...request, typeName: "DriverChange" });
  if (!answer.ok) return answer;
  const list = parseEntityList({ schema: ZDriverChange, value: answer.value.data })!;
  return { ok: true, session: answer.session, value: { ...list, toVersion: answer.value.toVersion, full: answer.value.full } };
};
