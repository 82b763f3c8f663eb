// Feed versions travel as 16-hex-digit strings ("0000000004c1e2a7", §2.4). Each type's feed counts from its own
// base, so a connector that hands one type's toVersion to another type's feed gets visibly wrong pages.
import { GeotabException } from "./geotab-exception";
import type { TGeotabTypeName } from "./geotab-types";

const TYPE_ORDER: TGeotabTypeName[] = ["LogRecord", "Device", "DeviceStatusInfo", "User", "DriverChange", "StatusData", "Diagnostic", "Zone", "Route"];

const baseOf = (typeName: TGeotabTypeName) => (BigInt(TYPE_ORDER.indexOf(typeName) + 1) << 36n) + 0x4c1e2a0n;

/** The version string after the record at `position` (0 = before the first record). */
export const formatFeedVersion = ({ typeName, position }: { typeName: TGeotabTypeName; position: number }) =>
  (baseOf(typeName) + BigInt(position)).toString(16).padStart(16, "0");

/** The position a `fromVersion` points at, clamped to the feed (a foreign or future version is not an error). */
export const parseFeedVersion = ({ typeName, version, length }: { typeName: TGeotabTypeName; version: string; length: number }) => {
  if (!/^[0-9a-fA-F]{1,16}$/.test(version)) throw new GeotabException("ArgumentException", `Invalid fromVersion '${version}'.`);
  const offset = BigInt(`0x${version}`) - baseOf(typeName);
  if (offset < 0n) return 0;
  return offset > BigInt(length) ? length : Number(offset);
};
