-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ConnectionAuditAction" ADD VALUE 'test_sent';
ALTER TYPE "ConnectionAuditAction" ADD VALUE 'message_retried';

-- AlterTable
ALTER TABLE "inbound_messages" ADD COLUMN     "body_purged_at" TIMESTAMPTZ(3),
ADD COLUMN     "claim_token" TEXT,
ADD COLUMN     "last_error_code" TEXT,
ADD COLUMN     "normalized_with" JSONB,
ALTER COLUMN "body" DROP NOT NULL;

-- CreateTable
CREATE TABLE "secret_key_probes" (
    "key_id" TEXT NOT NULL,
    "probe" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "secret_key_probes_pkey" PRIMARY KEY ("key_id")
);

-- CreateIndex
CREATE INDEX "inbound_dedupe_expires_at_idx" ON "inbound_dedupe"("expires_at");

-- CreateIndex
CREATE INDEX "inbound_messages_received_at_idx" ON "inbound_messages"("received_at");
