// Queue messages carry objectno and objectuid, but not always both, and never the driver's name:
// the object report fills those in, looked up by whichever id the message has.
import type { TWebfleetObjectRow, TWebfleetSettings } from "./types";

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : typeof value === "number" ? String(value) : null);

/** Indexes showObjectReportExtern rows; answers the unit id a record maps to and the vehicle's current driver. */
export const indexWebfleetObjects = (objects: readonly TWebfleetObjectRow[] = []) => {
  const byNo = new Map<string, TWebfleetObjectRow>();
  const byUid = new Map<string, TWebfleetObjectRow>();
  for (const row of objects) {
    byNo.set(row.objectno, row);
    if (row.objectuid) byUid.set(row.objectuid, row);
  }
  const find = (record: Record<string, unknown>) => {
    const uid = text(record.objectuid);
    const no = text(record.objectno);
    return (uid ? byUid.get(uid) : undefined) ?? (no ? byNo.get(no) : undefined);
  };
  return {
    /** The configured id (objectno or objectuid) of the record's vehicle; null when neither the record nor the report has it. */
    unitId: ({ record, unitIdFrom }: { record: Record<string, unknown>; unitIdFrom: TWebfleetSettings["unitIdFrom"] }): string | null =>
      text(record[unitIdFrom]) ?? text(find(record)?.[unitIdFrom]),
    /** The driver the object report shows for the record's vehicle, if any. */
    driverName: (record: Record<string, unknown>): string | null => text(find(record)?.drivername),
  };
};
