import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertAdmin } from "@/lib/users/assert-admin";
import type { TActor } from "@/lib/users/types";
import { isInGrace } from "./grace";
import { lockConnection } from "./lock-connection";
import { recordAudit } from "./record-audit";

/** Stops the previous token or secret now, before its grace would end. */
export const endGrace = async ({ actor, connectionId, credential, now = new Date() }: { actor: TActor; connectionId: string; credential: "token" | "secret"; now?: Date }): Promise<void> => {
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    const connection = await lockConnection({ tx, companyId: actor.companyId, connectionId });
    const expiresAt = credential === "token" ? connection.previousTokenExpiresAt : connection.previousSecretExpiresAt;
    if (!expiresAt || !isInGrace({ expiresAt, now })) throw new AppError("conflict", `No previous ${credential} is still valid.`);
    await tx.connection.update({
      where: { id: connection.id },
      data: credential === "token" ? { previousTokenHash: null, previousTokenExpiresAt: null } : { previousSecretCiphertext: null, previousSecretExpiresAt: null },
    });
    await recordAudit({ tx, actor, connectionId, action: credential === "token" ? "token_grace_ended" : "secret_grace_ended", details: { scheduledEnd: expiresAt.toISOString() } });
  });
};
