// Ignition: the StatusData feed of diagnostic DiagnosticIgnitionId (data 1 on, 0 off).
import { fetchGeotabFeed, type TFeedRequest } from "./fetch-geotab-feed";
import { ZStatusData, type TEntityList, type TGeotabResult, type TStatusData } from "./geotab-types";
import { parseEntityList } from "./parse-entity-list";

export const IGNITION_DIAGNOSTIC_ID = "DiagnosticIgnitionId";

const diagnosticId = (value: TStatusData["diagnostic"]) => (typeof value === "string" ? value : value.id);

/** One page of ignition changes. Other diagnostics are dropped here too: whether the feed filters is unverified (§2.5). */
export const fetchIgnitionFeed = async (request: TFeedRequest): Promise<TGeotabResult<TEntityList<TStatusData> & { toVersion: string; full: boolean }>> => {
  const answer = await fetchGeotabFeed({ ...request, typeName: "StatusData", search: { diagnosticSearch: { id: IGNITION_DIAGNOSTIC_ID } } });
  if (!answer.ok) return answer;
  const list = parseEntityList({ schema: ZStatusData, value: answer.value.data })!;
  const entities = list.entities.filter((row) => diagnosticId(row.diagnostic) === IGNITION_DIAGNOSTIC_ID);
  return { ok: true, session: answer.session, value: { entities, skipped: list.skipped, toVersion: answer.value.toVersion, full: answer.value.full } };
};
