-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('received', 'processing', 'processed', 'failed');

-- CreateEnum
CREATE TYPE "SignatureVariant" AS ENUM ('current', 'previous');

-- CreateEnum
CREATE TYPE "IssueSeverity" AS ENUM ('dropped', 'warning');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('planned', 'in_progress', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "LegKind" AS ENUM ('pickup', 'delivery', 'reposition', 'rest');

-- CreateEnum
CREATE TYPE "LoadState" AS ENUM ('loaded', 'empty');

-- AlterTable
ALTER TABLE "connections" DROP COLUMN "last_message_at",
ADD COLUMN     "test_token_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "test_token_hash" TEXT;

-- CreateTable
CREATE TABLE "inbound_messages" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "body" BYTEA NOT NULL,
    "body_sha256" TEXT NOT NULL,
    "idempotency_key" TEXT,
    "signature_variant" "SignatureVariant" NOT NULL,
    "signed_timestamp" TIMESTAMPTZ(3),
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "status" "MessageStatus" NOT NULL DEFAULT 'received',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "processing_started_at" TIMESTAMPTZ(3),
    "processed_at" TIMESTAMPTZ(3),
    "counts" JSONB,
    "accepted_total" INTEGER NOT NULL DEFAULT 0,
    "dropped_total" INTEGER NOT NULL DEFAULT 0,
    "warning_total" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "inbound_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbound_dedupe" (
    "connection_id" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "body_sha256" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "inbound_dedupe_pkey" PRIMARY KEY ("connection_id","dedupe_key")
);

-- CreateTable
CREATE TABLE "ingest_issues" (
    "id" BIGSERIAL NOT NULL,
    "message_id" TEXT NOT NULL,
    "severity" "IssueSeverity" NOT NULL,
    "section" TEXT NOT NULL,
    "entry_index" INTEGER,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,

    CONSTRAINT "ingest_issues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "units" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "external_unit_id" TEXT NOT NULL,
    "driver_name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "latest_at" TIMESTAMPTZ(3),
    "latest_lat" DOUBLE PRECISION,
    "latest_lng" DOUBLE PRECISION,
    "latest_speed_kmh" DOUBLE PRECISION,
    "latest_heading_deg" DOUBLE PRECISION,
    "latest_is_moving" BOOLEAN,
    "latest_ignition_on" BOOLEAN,
    "latest_message_id" TEXT,

    CONSTRAINT "units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "positions" (
    "id" BIGSERIAL NOT NULL,
    "company_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "speed_kmh" DOUBLE PRECISION,
    "heading_deg" DOUBLE PRECISION,
    "is_moving" BOOLEAN,
    "ignition_on" BOOLEAN,
    "driver_name" TEXT,
    "message_id" TEXT NOT NULL,

    CONSTRAINT "positions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plans" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "external_plan_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "status" "PlanStatus" NOT NULL,
    "source_fetched_at" TIMESTAMPTZ(3),
    "message_id" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_legs" (
    "id" TEXT NOT NULL,
    "plan_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" "LegKind" NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "postal_code" TEXT,
    "country" TEXT,
    "place_name" TEXT,
    "window_start" TIMESTAMPTZ(3),
    "window_end" TIMESTAMPTZ(3),
    "load_state" "LoadState",
    "goods_description" TEXT,
    "weight_kg" DOUBLE PRECISION,

    CONSTRAINT "plan_legs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "availability_offers" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "source_key" TEXT NOT NULL,
    "external_offer_id" TEXT,
    "unit_id" TEXT,
    "available_from" TIMESTAMPTZ(3) NOT NULL,
    "available_to" TIMESTAMPTZ(3),
    "origin_lat" DOUBLE PRECISION,
    "origin_lng" DOUBLE PRECISION,
    "origin_postal_code" TEXT,
    "origin_country" TEXT,
    "origin_radius_km" DOUBLE PRECISION,
    "dest_region" TEXT,
    "dest_country" TEXT,
    "dest_lat" DOUBLE PRECISION,
    "dest_lng" DOUBLE PRECISION,
    "body_type" TEXT,
    "capacity_kg" DOUBLE PRECISION,
    "message_id" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "availability_offers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "inbound_messages_connection_id_received_at_idx" ON "inbound_messages"("connection_id", "received_at" DESC);

-- CreateIndex
CREATE INDEX "inbound_messages_status_received_at_idx" ON "inbound_messages"("status", "received_at");

-- CreateIndex
CREATE INDEX "ingest_issues_message_id_severity_entry_index_idx" ON "ingest_issues"("message_id", "severity", "entry_index");

-- CreateIndex
CREATE UNIQUE INDEX "units_company_id_external_unit_id_key" ON "units"("company_id", "external_unit_id");

-- CreateIndex
CREATE INDEX "positions_company_id_at_idx" ON "positions"("company_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "positions_unit_id_at_key" ON "positions"("unit_id", "at");

-- CreateIndex
CREATE INDEX "plans_unit_id_idx" ON "plans"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "plans_company_id_external_plan_id_key" ON "plans"("company_id", "external_plan_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_legs_plan_id_seq_key" ON "plan_legs"("plan_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "availability_offers_company_id_source_key_key" ON "availability_offers"("company_id", "source_key");

-- CreateIndex
CREATE UNIQUE INDEX "connections_test_token_hash_key" ON "connections"("test_token_hash");

-- AddForeignKey
ALTER TABLE "inbound_messages" ADD CONSTRAINT "inbound_messages_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ingest_issues" ADD CONSTRAINT "ingest_issues_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "inbound_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_legs" ADD CONSTRAINT "plan_legs_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;
