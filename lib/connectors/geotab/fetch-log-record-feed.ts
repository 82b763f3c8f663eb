// The position feed: LogRecords (latitude, longitude, speed km/h, dateTime UTC, device stub).
import { fetchGeotabFeed, type TFeedRequest, type TFeedResult } from "./fetch-geotab-feed";
import type { TGeotabResult } from "./geotab-types";

/** One page of the LogRecord feed (records unchecked beyond being objects: the mapping reports bad ones). */
export const fetchLogRecordFeed = (request: TFeedRequest): Promise<TGeotabResult<TFeedResult>> => fetchGeotabFeed({ ...request, typeName: "LogRecord" });
