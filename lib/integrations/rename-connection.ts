import { db } from "@/lib/db/client";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { lockConnection } from "./lock-connection";
import { recordAudit } from "./record-audit";

/** Renames a connection. */
export const renameConnection = async ({ actor, connectionId, name }: { actor: TActor; connectionId: string; name: string }): Promise<void> => {
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    const connection = await lockConnection({ tx, companyId: actor.companyId, connectionId });
    if (connection.name === name) return;
    await tx.connection.update({ where: { id: connection.id }, data: { name } });
    await recordAudit({ tx, actor, connectionId, action: "renamed", details: { from: connection.name, to: name } });
  });
};
