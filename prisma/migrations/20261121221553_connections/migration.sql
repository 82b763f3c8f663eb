-- CreateEnum
CREATE TYPE "Connector" AS ENUM ('inbound-webhook', 'carrier-rest', 'webfleet', 'geotab', 'email-csv');

-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('active', 'paused');

-- CreateEnum
CREATE TYPE "ConnectionAuditAction" AS ENUM ('created', 'token_rotated', 'secret_rotated', 'token_grace_ended', 'secret_grace_ended', 'paused', 'resumed', 'renamed', 'settings_changed', 'deleted');

-- CreateTable
CREATE TABLE "connections" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "connector" "Connector" NOT NULL,
    "status" "ConnectionStatus" NOT NULL DEFAULT 'active',
    "token_hash" TEXT NOT NULL,
    "token_hint" TEXT NOT NULL,
    "token_issued_at" TIMESTAMPTZ(3) NOT NULL,
    "previous_token_hash" TEXT,
    "previous_token_expires_at" TIMESTAMPTZ(3),
    "secret_ciphertext" TEXT NOT NULL,
    "secret_hint" TEXT NOT NULL,
    "secret_issued_at" TIMESTAMPTZ(3) NOT NULL,
    "previous_secret_ciphertext" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "settings" JSONB NOT NULL DEFAULT '{}',
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_message_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connection_audit_events" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "action" "ConnectionAuditAction" NOT NULL,
    "actor_id" TEXT,
    "actor_name" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "connection_audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "connections_token_hash_key" ON "connections"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "connections_previous_token_hash_key" ON "connections"("previous_token_hash");

-- CreateIndex
CREATE INDEX "connections_company_id_created_at_idx" ON "connections"("company_id", "created_at");

-- CreateIndex
CREATE INDEX "connection_audit_events_connection_id_created_at_idx" ON "connection_audit_events"("connection_id", "created_at");

-- AddForeignKey
ALTER TABLE "connections" ADD CONSTRAINT "connections_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connections" ADD CONSTRAINT "connections_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connection_audit_events" ADD CONSTRAINT "connection_audit_events_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;
