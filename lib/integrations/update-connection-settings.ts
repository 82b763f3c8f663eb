import { db } from "@/lib/db/client";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { readSettings, ZConnectionSettings, type TConnectionSettings } from "./connection-settings";
import { lockConnection } from "./lock-connection";
import { recordAudit } from "./record-audit";

/** Changes some of a connection's settings; the audit entry lists what changed. */
export const updateConnectionSettings = async ({ actor, connectionId, changes }: { actor: TActor; connectionId: string; changes: Partial<TConnectionSettings> }): Promise<TConnectionSettings> => {
  assertAdmin(actor);
  return db.$transaction(async (tx) => {
    const connection = await lockConnection({ tx, companyId: actor.companyId, connectionId });
    const before = readSettings(connection.settings);
    const after = ZConnectionSettings.parse({ ...before, ...changes });
    const changed = (Object.keys(after) as (keyof TConnectionSettings)[]).filter((k) => before[k] !== after[k]);
    if (changed.length === 0) return after;
    await tx.connection.update({ where: { id: connection.id }, data: { settings: after } });
    await recordAudit({ tx, actor, connectionId, action: "settings_changed", details: Object.fromEntries(changed.map((k) => [k, after[k] === null ? null : String(after[k])])) });
    return after;
  });
};
