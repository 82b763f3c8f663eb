-- CreateEnum
CREATE TYPE "MessageOrigin" AS ENUM ('push', 'poll', 'email');

-- AlterTable
ALTER TABLE "connections" ADD COLUMN     "connector_secrets_ciphertext" TEXT,
ADD COLUMN     "connector_settings" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "inbound_messages" ADD COLUMN     "origin" "MessageOrigin" NOT NULL DEFAULT 'push',
ADD COLUMN     "vendor_content_type" TEXT,
ADD COLUMN     "vendor_payload" BYTEA,
ALTER COLUMN "signature_variant" DROP NOT NULL;

-- CreateTable
CREATE TABLE "connector_polls" (
    "connection_id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "cursor" JSONB,
    "interval_seconds" INTEGER NOT NULL DEFAULT 60,
    "next_poll_at" TIMESTAMPTZ(3),
    "locked_until" TIMESTAMPTZ(3),
    "auth_failures" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "attention_message" TEXT,
    "session_ciphertext" TEXT,
    "last_poll_at" TIMESTAMPTZ(3),
    "last_poll_duration_ms" INTEGER,
    "last_poll_pages" INTEGER,
    "last_poll_records" INTEGER,
    "last_poll_outcome" TEXT,
    "last_error" TEXT,

    CONSTRAINT "connector_polls_pkey" PRIMARY KEY ("connection_id")
);

-- CreateIndex
CREATE INDEX "connector_polls_next_poll_at_idx" ON "connector_polls"("next_poll_at");

-- AddForeignKey
ALTER TABLE "connector_polls" ADD CONSTRAINT "connector_polls_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;
