-- CreateEnum
CREATE TYPE "CallbackEndpointStatus" AS ENUM ('active', 'paused', 'disabled');

-- CreateEnum
CREATE TYPE "CallbackDeliveryStatus" AS ENUM ('pending', 'succeeded', 'failed', 'exhausted', 'blocked', 'held', 'aborted');

-- CreateEnum
CREATE TYPE "CallbackAttemptTrigger" AS ENUM ('scheduled', 'manual', 'test');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ConnectionAuditAction" ADD VALUE 'callback_endpoint_added';
ALTER TYPE "ConnectionAuditAction" ADD VALUE 'callback_endpoint_updated';
ALTER TYPE "ConnectionAuditAction" ADD VALUE 'callback_endpoint_paused';
ALTER TYPE "ConnectionAuditAction" ADD VALUE 'callback_endpoint_resumed';
ALTER TYPE "ConnectionAuditAction" ADD VALUE 'callback_endpoint_deleted';
ALTER TYPE "ConnectionAuditAction" ADD VALUE 'callback_secret_rotated';
ALTER TYPE "ConnectionAuditAction" ADD VALUE 'callback_endpoint_failing';
ALTER TYPE "ConnectionAuditAction" ADD VALUE 'callback_endpoint_recovered';
ALTER TYPE "ConnectionAuditAction" ADD VALUE 'callback_endpoint_disabled';
ALTER TYPE "ConnectionAuditAction" ADD VALUE 'callback_deliveries_recovered';
ALTER TYPE "ConnectionAuditAction" ADD VALUE 'callback_test_sent';

-- AlterTable
ALTER TABLE "availability_offers" ADD COLUMN     "expired_event_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "units" ADD COLUMN     "silent_since" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "callback_endpoints" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "event_types" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "CallbackEndpointStatus" NOT NULL DEFAULT 'active',
    "disabled_reason" TEXT,
    "disabled_at" TIMESTAMPTZ(3),
    "secret_ciphertext" TEXT NOT NULL,
    "secret_hint" TEXT NOT NULL,
    "secret_issued_at" TIMESTAMPTZ(3) NOT NULL,
    "previous_secret_ciphertext" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "failing_since" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "callback_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callback_events" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "event_name" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "sequence" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "body" TEXT NOT NULL,
    "dedupe_key" TEXT,
    "message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "callback_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callback_deliveries" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "endpoint_id" TEXT,
    "target_url" TEXT,
    "event_name" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "status" "CallbackDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "locked_until" TIMESTAMPTZ(3),
    "dispatched_at" TIMESTAMPTZ(3),
    "last_attempt_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "callback_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callback_attempts" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "trigger" "CallbackAttemptTrigger" NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "http_status" INTEGER,
    "response_excerpt" TEXT,
    "error_code" TEXT,
    "error_message" TEXT,
    "location" TEXT,
    "succeeded" BOOLEAN NOT NULL,

    CONSTRAINT "callback_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "callback_endpoints_connection_id_created_at_idx" ON "callback_endpoints"("connection_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "callback_events_dedupe_key_key" ON "callback_events"("dedupe_key");

-- CreateIndex
CREATE INDEX "callback_events_connection_id_created_at_idx" ON "callback_events"("connection_id", "created_at");

-- CreateIndex
CREATE INDEX "callback_deliveries_status_next_attempt_at_idx" ON "callback_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "callback_deliveries_event_id_idx" ON "callback_deliveries"("event_id");

-- CreateIndex
CREATE INDEX "callback_deliveries_endpoint_id_created_at_idx" ON "callback_deliveries"("endpoint_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "callback_deliveries_connection_id_created_at_idx" ON "callback_deliveries"("connection_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "callback_attempts_delivery_id_started_at_idx" ON "callback_attempts"("delivery_id", "started_at");

-- AddForeignKey
ALTER TABLE "callback_endpoints" ADD CONSTRAINT "callback_endpoints_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_deliveries" ADD CONSTRAINT "callback_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "callback_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_deliveries" ADD CONSTRAINT "callback_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "callback_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_attempts" ADD CONSTRAINT "callback_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "callback_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
